/**
 * A multipart POST that reports how much of the body has been sent.
 *
 * fetch() cannot tell upload progress, so this one request goes through XMLHttpRequest, doing
 * what the JSON wrapper in http.ts does for the rest (session cookie, CSRF header, an ApiError
 * with the parsed body on a non-2xx answer). It knows no endpoint.
 */
import { ApiError, readCookie, type ApiErrorBody } from './http';
import { workspaceHeaders } from './workspace';

export interface UploadProgress {
  /** Bytes of the request body sent so far. */
  loaded: number;
  /** Bytes of the whole body (0 while the browser cannot tell). */
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

const UNREACHABLE = 'Cannot reach the server. Check that Pipewright is running.';

function parseResponse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
}

/** An error for a refused upload; a 413 from a proxy in front of us rarely says why in JSON. */
function refusal(xhr: XMLHttpRequest, parsed: unknown): ApiError {
  const body: ApiErrorBody = parsed && typeof parsed === 'object' ? { ...(parsed as ApiErrorBody) } : {};
  if (xhr.status === 413 && typeof body.code !== 'string') {
    body.code = 'too_large';
    body.message = 'The file is larger than the server accepts.';
  }
  return new ApiError(xhr.status, body, `${xhr.status} ${xhr.statusText}`.trim());
}

function abortError(): DOMException {
  return new DOMException('The upload was canceled.', 'AbortError');
}

/** A 2xx answer: its status (a 200 and a 201 may mean different things) and its body. */
export interface UploadAnswer<T> {
  status: number;
  body: T;
}

export function postWithProgress<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<UploadAnswer<T>> {
  const { onProgress, signal } = options;
  return new Promise<UploadAnswer<T>>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [header, value] of Object.entries(workspaceHeaders())) xhr.setRequestHeader(header, value);
    const token = readCookie('csrftoken');
    if (token) xhr.setRequestHeader('X-CSRFToken', token);

    const onAbortSignal = () => xhr.abort();
    signal?.addEventListener('abort', onAbortSignal);
    const settle = () => signal?.removeEventListener('abort', onAbortSignal);

    xhr.upload.addEventListener('progress', (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
    });
    xhr.addEventListener('load', () => {
      settle();
      const parsed = parseResponse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body: parsed as T });
      else reject(refusal(xhr, parsed));
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new ApiError(0, {}, UNREACHABLE));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(abortError());
    });
    xhr.send(form);
  });
}

/** Whole percent sent, 0 until the size is known; 100 only once every byte is out. */
export function uploadPercent(progress: UploadProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  const percent = Math.floor((progress.loaded / progress.total) * 100);
  return Math.min(100, Math.max(0, percent));
}
