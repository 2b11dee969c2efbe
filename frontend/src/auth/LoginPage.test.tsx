import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '../test/render';
import { LoginPage, returnPath } from './LoginPage';

afterEach(() => vi.unstubAllGlobals());

function stubServer(login: () => Response) {
  const fetchMock = vi.fn(async (path: string) => {
    if (path === '/api/auth/me/') return jsonResponse(403, { detail: 'Authentication credentials were not provided.' });
    if (path === '/api/auth/login/') return login();
    return jsonResponse(404, {});
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function fillAndSubmit() {
  fireEvent.change(screen.getByRole('textbox', { name: 'Username' }), { target: { value: 'ada' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('shows the server message on wrong credentials', async () => {
    stubServer(() => jsonResponse(400, { code: 'invalid_credentials', message: 'Wrong username or password.' }));
    renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });

    fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('posts the credentials and returns to the page the user came from', async () => {
    const fetchMock = stubServer(() => jsonResponse(200, { username: 'ada', is_staff: false }));
    renderWithProviders(<LoginPage />, {
      route: '/login',
      path: '/login',
      routeState: { from: '/runs/5' },
      extraRoutes: [{ path: '/runs/:id', element: <p>run page</p> }],
    });

    fillAndSubmit();

    expect(await screen.findByText('run page')).toBeInTheDocument();
    const loginCall = fetchMock.mock.calls.find(([path]) => path === '/api/auth/login/') as unknown as [string, RequestInit];
    expect(JSON.parse(loginCall[1].body as string)).toEqual({ username: 'ada', password: 'secret' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull());
  });
});

describe('returnPath', () => {
  it('only follows same-app paths', () => {
    expect(returnPath({ from: '/pipelines/3' })).toBe('/pipelines/3');
    expect(returnPath({ from: '//evil.example' })).toBe('/');
    expect(returnPath({ from: 'https://evil.example' })).toBe('/');
    expect(returnPath(null)).toBe('/');
  });
});
