import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../App';
import { chooseWorkspace, currentWorkspace, WORKSPACE_HEADER, WORKSPACE_KEY } from '../api/workspace';
import { stubFetch, type FetchCall } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
  chooseWorkspace(null);
});

const churn = { id: 1, name: 'Churn', description: '', revision: 1, node_count: 2, created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-02T00:00:00Z' };

function workspaceOf(init: RequestInit): string | null {
  return new Headers(init.headers).get(WORKSPACE_HEADER);
}

/** ada owns `default` (which holds Churn) and reads `lab` (which holds nothing). */
function stubServer(workspaces = [{ name: 'default', role: 'owner' }, { name: 'lab', role: 'reader' }]) {
  const me = { username: 'ada', is_staff: false, workspaces, default_workspace: 'default' };
  return stubFetch({
    'GET /api/auth/me/': () => jsonResponse(200, me),
    'GET /api/pipelines/': (_url, init) => jsonResponse(200, workspaceOf(init) === 'default' ? [churn] : []),
    'GET /api/runs/': () => jsonResponse(200, []),
    'POST /api/workspaces/': (_url, init) => {
      const body = JSON.parse(init.body as string) as { name: string };
      if (body.name === 'taken') return jsonResponse(409, { code: 'name_taken', message: "A workspace named 'taken' exists already." });
      workspaces = [...workspaces, { name: body.name, role: 'owner' }];
      me.workspaces = workspaces;
      return jsonResponse(201, { id: 9, name: body.name, description: '', role: 'owner', member_count: 1, created_at: '2026-12-01T00:00:00Z' });
    },
  });
}

function pipelineLists(calls: FetchCall[]): (string | null)[] {
  return calls.filter((call) => call.method === 'GET' && call.url.pathname === '/api/pipelines/').map((call) => workspaceOf(call.init));
}

describe('WorkspaceSwitcher', () => {
  it('sends the chosen workspace on every request and reloads the lists for it', async () => {
    const { calls } = stubServer();
    renderWithProviders(<AppRoutes />, { route: '/' });
    expect(await screen.findByRole('link', { name: 'Churn' })).toBeInTheDocument();
    expect(screen.getByTestId('workspace-switcher')).toHaveTextContent('default');
    expect(pipelineLists(calls)).toEqual(['default']);

    fireEvent.click(screen.getByTestId('workspace-switcher'));
    const menu = screen.getByRole('menu', { name: 'Workspaces' });
    expect(within(menu).getByRole('menuitemradio', { name: /default\s*owner/ })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: /lab\s*reader/ }));

    // The cached list (which never goes stale here) is dropped and asked again, for lab.
    expect(await screen.findByTestId('pipelines-empty')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Churn' })).toBeNull();
    expect(pipelineLists(calls)).toEqual(['default', 'lab']);
    expect(screen.getByTestId('workspace-switcher')).toHaveTextContent('lab');
    expect(window.localStorage.getItem(WORKSPACE_KEY)).toBe('lab');
  });

  it('falls back to the default workspace when the stored one is no longer the user’s', async () => {
    chooseWorkspace('gone');
    const { calls } = stubServer();
    renderWithProviders(<AppRoutes />, { route: '/' });
    expect(await screen.findByRole('link', { name: 'Churn' })).toBeInTheDocument();
    expect(screen.getByTestId('workspace-switcher')).toHaveTextContent('default');
    expect(currentWorkspace()).toBe('default');
    expect(calls.filter((call) => call.url.pathname !== '/api/auth/me/').map((call) => workspaceOf(call.init))).not.toContain('gone');
  });

  it('checks a new workspace’s name as the server does, shows the server’s refusal by the field, and moves into it', async () => {
    const { calls } = stubServer();
    renderWithProviders(<AppRoutes />, { route: '/' });
    await screen.findByRole('link', { name: 'Churn' });
    fireEvent.click(screen.getByTestId('workspace-switcher'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'New workspace…' }));
    const dialog = screen.getByRole('dialog', { name: 'New workspace' });
    const name = within(dialog).getByLabelText('Name');

    fireEvent.change(name, { target: { value: 'Lab 2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent("Lower-case letters, digits and '-', starting with a letter.");
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(name, { target: { value: 'taken' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent("A workspace named 'taken' exists already.");
    expect(name).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(name, { target: { value: 'team-2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('workspace-switcher')).toHaveTextContent('team-2');
    await waitFor(() => expect(pipelineLists(calls).at(-1)).toBe('team-2'));
    fireEvent.click(screen.getByTestId('workspace-switcher'));
    expect(screen.getByRole('menuitemradio', { name: /team-2\s*owner/ })).toHaveAttribute('aria-checked', 'true');
  });
});
