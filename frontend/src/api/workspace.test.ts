import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeXhr, lastXhr } from '../test/fakeXhr';
import { request } from './http';
import { postWithProgress } from './upload';
import { chooseWorkspace, settleWorkspace, WORKSPACE_HEADER, WORKSPACE_KEY, workspaceFor } from './workspace';

afterEach(() => {
  vi.unstubAllGlobals();
  chooseWorkspace(null);
});

const me = {
  workspaces: [
    { name: 'default', role: 'owner' },
    { name: 'lab', role: 'reader' },
  ],
  default_workspace: 'default',
};

function sentHeaders(fetchMock: ReturnType<typeof vi.fn>): Record<string, string> {
  return (fetchMock.mock.calls.at(-1) as [string, RequestInit])[1].headers as Record<string, string>;
}

describe('the chosen workspace', () => {
  it('goes with every request once chosen, and with none before', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => new Response('[]', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await request('GET', '/api/runs/');
    expect(sentHeaders(fetchMock)).not.toHaveProperty(WORKSPACE_HEADER);

    chooseWorkspace('lab');
    await request('GET', '/api/runs/');
    expect(sentHeaders(fetchMock)[WORKSPACE_HEADER]).toBe('lab');
    await request('DELETE', '/api/runs/3/');
    expect(sentHeaders(fetchMock)[WORKSPACE_HEADER]).toBe('lab');
    expect(window.localStorage.getItem(WORKSPACE_KEY)).toBe('lab');
  });

  it('goes with an upload too', () => {
    installFakeXhr();
    chooseWorkspace('lab');
    void postWithProgress('/api/datasets/', new FormData());
    expect(lastXhr().headers[WORKSPACE_HEADER]).toBe('lab');
  });

  it('stays while the user is in it, else falls back to their default one', () => {
    expect(workspaceFor(me, 'lab')).toBe('lab');
    expect(workspaceFor(me, 'gone')).toBe('default');
    expect(workspaceFor(me, null)).toBe('default');
    expect(workspaceFor({ workspaces: [{ name: 'solo', role: 'owner' }], default_workspace: null }, 'gone')).toBe('solo');
    expect(workspaceFor({ workspaces: [], default_workspace: null }, 'gone')).toBeNull();

    chooseWorkspace('gone');
    settleWorkspace(me);
    expect(window.localStorage.getItem(WORKSPACE_KEY)).toBe('default');
  });
});
