/**
 * A fetch stub for page tests: answers by method and path (query string included) from a table
 * of handlers, and records every call so a test can read what the page asked for.
 */
import { vi } from 'vitest';
import { jsonResponse } from './render';

export type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

export interface FetchCall {
  method: string;
  url: URL;
  init: RequestInit;
}

/** Keys are "GET /api/x/" (matched on the path alone) or "GET /api/x/?a=b" (path and query). */
export function stubFetch(routes: Record<string, Handler>) {
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    calls.push({ method, url, init });
    const handler = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    if (handler) return handler(url, init);
    if (url.pathname === '/api/auth/me/') return jsonResponse(200, { username: 'ada', is_staff: true });
    return jsonResponse(404, { code: 'not_found', message: `No stub for ${method} ${url.pathname}${url.search}` });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}
