import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, describeError, http, readCookie, request, unwrapList, withQuery } from './http';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('request', () => {
  it('sends JSON with the session cookie and the CSRF header on unsafe methods', async () => {
    document.cookie = 'csrftoken=abc123; path=/';
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);

    await request('POST', '/api/pipelines/', { name: 'x' });

    const [path, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    const headers = init.headers as Record<string, string>;
    expect(path).toBe('/api/pipelines/');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"name":"x"}');
    expect(headers['X-CSRFToken']).toBe('abc123');
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('sends a form as it is, leaving its multipart Content-Type to the browser', async () => {
    document.cookie = 'csrftoken=abc123; path=/';
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(201, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    const form = new FormData();
    form.append('file', new File(['name: x'], 'x.yml'));

    await http.postForm('/api/imports/', form);

    const init = (fetchMock.mock.calls[0] as [string, RequestInit])[1];
    const headers = init.headers as Record<string, string>;
    expect(init.body).toBe(form);
    expect(headers['Content-Type']).toBeUndefined();
    expect(headers['X-CSRFToken']).toBe('abc123');
  });

  it('does not send the CSRF header on GET', async () => {
    document.cookie = 'csrftoken=abc123; path=/';
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, []));
    vi.stubGlobal('fetch', fetchMock);

    await request('GET', '/api/runs/');

    const headers = (fetchMock.mock.calls[0] as [string, RequestInit])[1].headers as Record<string, string>;
    expect(headers['X-CSRFToken']).toBeUndefined();
  });

  it('throws an ApiError with the status, the parsed body and its message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(jsonResponse(409, { code: 'stale_revision', message: 'Changed elsewhere', revision: 7 })),
    );

    const error = await request('PUT', '/api/pipelines/1/', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(409);
    expect(apiError.code).toBe('stale_revision');
    expect(apiError.body.revision).toBe(7);
    expect(apiError.message).toBe('Changed elsewhere');
  });

  it('returns undefined for an empty 204 answer', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(request('POST', '/api/auth/logout/')).resolves.toBeUndefined();
  });
});

describe('helpers', () => {
  it('reads DRF error shapes as a sentence', () => {
    expect(describeError({ detail: 'Authentication credentials were not provided.' }, 'x')).toBe(
      'Authentication credentials were not provided.',
    );
    expect(describeError({ name: ['This field is required.'] }, 'x')).toBe('name: This field is required.');
    expect(describeError({}, 'fallback')).toBe('fallback');
  });

  it('reads a cookie by name', () => {
    expect(readCookie('csrftoken', 'a=1; csrftoken=tok%3D; b=2')).toBe('tok=');
    expect(readCookie('missing', 'a=1')).toBeNull();
  });

  it('accepts both bare and paginated lists', () => {
    expect(unwrapList([1, 2])).toEqual([1, 2]);
    expect(unwrapList({ results: [3] })).toEqual([3]);
    expect(unwrapList(undefined)).toEqual([]);
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/runs/', { pipeline: 3, status: '', experiment: undefined })).toBe('/api/runs/?pipeline=3');
  });
});
