import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeXhr, lastXhr } from '../test/fakeXhr';
import { ApiError } from './http';
import { postWithProgress, uploadPercent, type UploadProgress } from './upload';

beforeEach(() => {
  installFakeXhr();
  document.cookie = 'csrftoken=abc123';
});
afterEach(() => vi.unstubAllGlobals());

function form(): FormData {
  const data = new FormData();
  data.append('name', 'houses');
  return data;
}

describe('postWithProgress', () => {
  it('posts the form with the CSRF header and reports each step of the upload', async () => {
    const seen: UploadProgress[] = [];
    const answer = postWithProgress('/api/datasets/', form(), { onProgress: (progress) => seen.push(progress) });
    const xhr = lastXhr();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/datasets/');
    expect(xhr.headers['X-CSRFToken']).toBe('abc123');
    expect(xhr.body?.get('name')).toBe('houses');
    xhr.progress(250, 1000);
    xhr.progress(1000, 1000);
    xhr.respond(201, { name: 'houses', version: 1 });
    await expect(answer).resolves.toEqual({ status: 201, body: { name: 'houses', version: 1 } });
    expect(seen).toEqual([
      { loaded: 250, total: 1000 },
      { loaded: 1000, total: 1000 },
    ]);
  });

  it('turns a refusal into an ApiError with the server’s code and message', async () => {
    const answer = postWithProgress('/api/datasets/', form());
    lastXhr().respond(413, { code: 'too_large', message: 'Uploads are limited to 200.0 MB.' });
    const error = await answer.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect((error as ApiError).code).toBe('too_large');
    expect((error as ApiError).message).toBe('Uploads are limited to 200.0 MB.');
  });

  it('says the file is too large when a proxy refuses it with a page instead of JSON', async () => {
    const answer = postWithProgress('/api/datasets/', form());
    lastXhr().respond(413, '<html>Request Entity Too Large</html>', 'Payload Too Large');
    await expect(answer).rejects.toMatchObject({ status: 413, code: 'too_large', message: 'The file is larger than the server accepts.' });
  });

  it('says the server cannot be reached when the connection breaks', async () => {
    const answer = postWithProgress('/api/datasets/', form());
    lastXhr().fail();
    await expect(answer).rejects.toMatchObject({ status: 0, message: expect.stringContaining('Cannot reach the server') });
  });

  it('stops the upload when its signal aborts', async () => {
    const controller = new AbortController();
    const answer = postWithProgress('/api/datasets/', form(), { signal: controller.signal });
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(lastXhr().aborted).toBe(true);
  });
});

describe('uploadPercent', () => {
  it('is whole percent sent, 0 while the size is unknown', () => {
    expect(uploadPercent(null)).toBe(0);
    expect(uploadPercent({ loaded: 10, total: 0 })).toBe(0);
    expect(uploadPercent({ loaded: 999, total: 1000 })).toBe(99);
    expect(uploadPercent({ loaded: 1000, total: 1000 })).toBe(100);
  });
});
