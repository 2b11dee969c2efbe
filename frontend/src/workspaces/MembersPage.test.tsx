import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Member } from '../api/models';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { MembersPage } from './MembersPage';

afterEach(() => vi.unstubAllGlobals());

const added = '2026-12-01T10:00:00Z';

function render(role: string, members: Member[], routes: Parameters<typeof stubFetch>[0] = {}) {
  const stub = stubFetch({
    'GET /api/auth/me/': () =>
      jsonResponse(200, { username: 'ada', is_staff: false, workspaces: [{ name: 'lab', role }], default_workspace: 'lab' }),
    'GET /api/workspaces/lab/members/': () => jsonResponse(200, { results: members, next: null }),
    ...routes,
  });
  renderWithProviders(<MembersPage />, { route: '/workspaces/lab/members', path: '/workspaces/:name/members' });
  return stub;
}

describe('MembersPage', () => {
  it('lets an owner add people and change roles, and shows the server’s refusals in place', async () => {
    let members: Member[] = [{ user: 'ada', role: 'owner', added_at: added }];
    const { calls } = render('owner', [], {
      'GET /api/workspaces/lab/members/': () => jsonResponse(200, { results: members, next: null }),
      'POST /api/workspaces/lab/members/': (_url, init) => {
        const body = JSON.parse(init.body as string) as Member;
        if (body.user === 'nobody') return jsonResponse(400, { code: 'no_user', message: "No user 'nobody'.", field: 'user' });
        members = [...members, { ...body, added_at: added }];
        return jsonResponse(201, { ...body, added_at: added });
      },
      'PATCH /api/workspaces/lab/members/ada/': () =>
        jsonResponse(409, { code: 'last_owner', message: "'lab' needs at least one owner: make someone else owner first." }),
    });
    const form = await screen.findByRole('form', { name: 'Add a member' });
    await screen.findByTestId('member-ada');

    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'nobody' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add member' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("No user 'nobody'.");
    expect(within(form).getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'grace' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'reader' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add member' }));
    const grace = await screen.findByTestId('member-grace');
    expect(within(grace).getByLabelText('Role of grace')).toHaveValue('reader');
    expect(JSON.parse(calls.find((call) => call.method === 'POST' && call.url.pathname.endsWith('/members/') && call.init.body?.toString().includes('grace'))?.init.body as string)).toEqual({ user: 'grace', role: 'reader' });
    expect(within(grace).getByRole('button', { name: 'Remove' })).toBeInTheDocument();

    const ada = screen.getByTestId('member-ada');
    fireEvent.change(within(ada).getByLabelText('Role of ada'), { target: { value: 'reader' } });
    expect(await within(ada).findByRole('alert')).toHaveTextContent('needs at least one owner');
    expect(within(ada).getByLabelText('Role of ada')).toHaveValue('owner');
  });

  it('shows a reader the members without controls; they may only leave', async () => {
    const { calls } = render('reader', [
      { user: 'ada', role: 'reader', added_at: added },
      { user: 'grace', role: 'owner', added_at: added },
    ]);
    const grace = await screen.findByTestId('member-grace');
    expect(grace).toHaveTextContent('owner');
    expect(screen.queryByRole('form', { name: 'Add a member' })).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(within(grace).queryByRole('button')).toBeNull();
    expect(screen.getByText(/Only an owner can change who is in it/)).toBeInTheDocument();

    fireEvent.click(within(screen.getByTestId('member-ada')).getByRole('button', { name: 'Leave' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Leave lab?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Leave workspace' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE' && call.url.pathname === '/api/workspaces/lab/members/ada/')).toBe(true));
  });

  it('says so when a workspace lists no members', async () => {
    render('owner', []);
    expect(await screen.findByText('No members yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('members-list')).toBeNull();
  });

  it('shows the server’s answer when the workspace is not the user’s', async () => {
    render('owner', [], {
      'GET /api/workspaces/lab/members/': () => jsonResponse(404, { code: 'no_workspace', message: "No workspace 'lab'." }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent("No workspace 'lab'.");
  });
});
