/**
 * A stand-in for the browser's XMLHttpRequest in jsdom, which sends nothing anywhere: records
 * what was sent, and lets a test play the upload's progress and the server's answer.
 */
import { waitFor } from '@testing-library/react';
import { vi } from 'vitest';

type Listener = (event: ProgressEvent) => void;

class Emitter {
  private listeners = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: Listener) {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((existing) => existing !== listener));
  }

  emit(type: string, event: Partial<ProgressEvent> = {}) {
    for (const listener of this.listeners.get(type) ?? []) listener(event as ProgressEvent);
  }
}

export class FakeXhr extends Emitter {
  static sent: FakeXhr[] = [];
  readonly upload = new Emitter();
  readonly headers: Record<string, string> = {};
  method = '';
  url = '';
  body: FormData | null = null;
  withCredentials = false;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }

  abort() {
    this.aborted = true;
    this.emit('abort');
  }

  /** The browser has sent `loaded` of `total` bytes. */
  progress(loaded: number, total: number) {
    this.upload.emit('progress', { loaded, total, lengthComputable: true });
  }

  /** The server answers. */
  respond(status: number, body: unknown, statusText = '') {
    this.status = status;
    this.statusText = statusText;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.emit('load');
  }

  /** The connection breaks. */
  fail() {
    this.emit('error');
  }
}

export function installFakeXhr(): void {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
}

/** The request most recently sent. */
export function lastXhr(): FakeXhr {
  const xhr = FakeXhr.sent[FakeXhr.sent.length - 1];
  if (!xhr) throw new Error('No request was sent');
  return xhr;
}

/** The `count`th request, once it has been sent (a mutation sends on a later tick). */
export function sentXhr(count = 1): Promise<FakeXhr> {
  return waitFor(() => {
    const xhr = FakeXhr.sent[count - 1];
    if (!xhr) throw new Error(`Request ${count} was not sent`);
    return xhr;
  });
}
