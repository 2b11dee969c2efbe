/**
 * The one fetch wrapper every API module goes through.
 *
 * Sends and reads JSON with the session cookie, adds Django's CSRF header on unsafe methods and
 * the chosen workspace's header (`workspace.ts`) on every request, and turns any non-2xx answer
 * into an ApiError carrying the status and the parsed body. It knows no endpoint: paths and
 * hooks live in the per-resource modules next to it.
 */
import { workspaceHeaders } from './workspace';

/**
 * An error body, read defensively: our handler's `{code, message, ...}` (with `errors` for an
 * invalid graph, `revision` for a stale write) or DRF's own field errors.
 */
export type ApiErrorBody = Record<string, unknown>;

/** A list body: a bare array, or DRF's paginated `{results}` should a list ever be paginated. */
export type ListBody<T> = T[] | { results: T[] };

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody, fallback: string) {
    super(describeError(body, fallback));
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get code(): string | undefined {
    return typeof this.body.code === 'string' ? this.body.code : undefined;
  }

  /** Signed out (403 from Django's session auth) or unauthenticated (401 with a token). */
  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A sentence a person can act on, from whichever error shape DRF or our handler produced. */
export function describeError(body: ApiErrorBody, fallback: string): string {
  if (typeof body.message === 'string' && body.message) return body.message;
  if (typeof body.detail === 'string' && body.detail) return body.detail;
  const nonField = body.non_field_errors;
  if (Array.isArray(nonField) && typeof nonField[0] === 'string') return nonField[0];
  for (const [field, value] of Object.entries(body)) {
    if (Array.isArray(value) && typeof value[0] === 'string') return `${field}: ${value[0]}`;
  }
  return fallback;
}

export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
}

/** `extraHeaders` are sent as given (a header that picks what answers, say), after the usual ones. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  return (await exchange<T>(method, path, body, signal, extraHeaders)).body;
}

/** What `request` does, also giving the answer's headers (a list's next cursor, say). */
async function exchange<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<{ body: T; headers: Headers }> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json', ...workspaceHeaders() };
  // A form goes as multipart: the browser writes its Content-Type with the boundary.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(upper)) {
    const token = readCookie('csrftoken');
    if (token) headers['X-CSRFToken'] = token;
  }
  Object.assign(headers, extraHeaders);
  let response: Response;
  try {
    response = await fetch(path, {
      method: upper,
      headers,
      credentials: 'same-origin',
      body: form ? (body as FormData) : body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {}, 'Cannot reach the server. Check that Pipewright is running.');
  }
  const parsed = await parseBody(response);
  if (!response.ok) {
    const errorBody = parsed && typeof parsed === 'object' ? (parsed as ApiErrorBody) : {};
    throw new ApiError(response.status, errorBody, `${response.status} ${response.statusText}`.trim());
  }
  return { body: parsed as T, headers: response.headers };
}

export const http = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  /** A multipart POST (files); answers and errors as for JSON. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export function unwrapList<T>(body: ListBody<T> | undefined): T[] {
  if (!body) return [];
  return Array.isArray(body) ? body : body.results;
}

/** A page of a cursor-paginated list: `next` is the cursor of the page after, null on the last. */
export interface Page<T> {
  results: T[];
  next: string | null;
}

/** The header of a list that answers a bare array: the next page's cursor, absent on the last. */
export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

/**
 * One page of a list, whichever way the list pages: a bare array with the next cursor in
 * `X-Next-Cursor`, or `{results, next}`.
 */
export async function fetchPage<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<Page<T>> {
  const { body, headers } = await exchange<T[] | Page<T> | undefined>('GET', withQuery(path, query), undefined, signal);
  if (Array.isArray(body)) return { results: body, next: headers?.get(NEXT_CURSOR_HEADER) || null };
  return { results: body?.results ?? [], next: body?.next ?? null };
}

/** Pages fetched at most for one list: the pages that show a whole list stay well under it. */
const MAX_PAGES = 20;

/** Every item of a list, page after page (at most MAX_PAGES pages). */
export async function fetchAllPages<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body: Page<T> = await fetchPage<T>(path, { ...query, cursor }, signal);
    items.push(...body.results);
    cursor = body.next;
    if (!cursor) break;
  }
  return items;
}

/** Don't hammer the server with retries of answers that won't change. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
