import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '../api/models';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { TokensPage } from './TokensPage';

afterEach(() => vi.unstubAllGlobals());

const token: ApiToken = {
  id: 4,
  name: 'nightly-ci',
  kind: 'service',
  prefix: 'pw_ab12',
  scopes: ['endpoint:run:nightly'],
  created_at: '2026-11-25T10:00:00Z',
  expires_at: null,
  last_used_at: null,
};

describe('TokensPage', () => {
  it('creates a token and shows its secret once, with a warning', async () => {
    let tokens: ApiToken[] = [];
    const { calls } = stubFetch({
      'GET /api/tokens/': () => jsonResponse(200, { results: tokens, next: null }),
      'GET /api/endpoints/': () => jsonResponse(200, { results: [], next: null }),
      'POST /api/tokens/': () => {
        tokens = [token];
        return jsonResponse(201, { ...token, token: 'pw_ab12secret' });
      },
    });
    renderWithProviders(<TokensPage />, { route: '/tokens' });
    expect(await screen.findByText(/No tokens yet/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const form = screen.getByRole('form', { name: 'New API token' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'nightly-ci' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByTestId('new-token');
    expect(shown).toHaveTextContent('pw_ab12secret');
    expect(shown).toHaveTextContent('only time it is shown');
    expect(await screen.findByTestId('token-row-nightly-ci')).toHaveTextContent('run endpoint nightly');
    expect(JSON.parse(calls.find((call) => call.method === 'POST')?.init.body as string)).toEqual({
      name: 'nightly-ci',
      kind: 'personal',
      scopes: ['*'],
      expires_at: null,
    });
    fireEvent.click(within(shown).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('pw_ab12secret')).toBeNull();
  });

  it('opens the form for a scoring token when a link asks for that scope', async () => {
    const scorer = { ...token, id: 5, name: 'scorer', scopes: ['inference:score:diabetes'] };
    let tokens: ApiToken[] = [];
    const { calls } = stubFetch({
      'GET /api/tokens/': () => jsonResponse(200, { results: tokens, next: null }),
      'GET /api/endpoints/': () => jsonResponse(200, { results: [], next: null }),
      'GET /api/inference/': () => jsonResponse(200, { results: [{ name: 'diabetes' }, { name: 'churn' }], next: null }),
      'POST /api/tokens/': () => {
        tokens = [scorer];
        return jsonResponse(201, { ...scorer, token: 'pw_cd34secret' });
      },
    });
    renderWithProviders(<TokensPage />, { route: '/tokens?scope=inference%3Ascore%3Adiabetes' });
    const form = screen.getByRole('form', { name: 'New API token' });
    expect(within(form).getByRole('radio', { name: /Only score rows on one real-time endpoint/ })).toBeChecked();
    const endpoint = within(form).getByLabelText('Real-time endpoint');
    await within(endpoint).findByRole('option', { name: 'churn' });
    expect(endpoint).toHaveValue('diabetes');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'scorer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));

    expect(await screen.findByTestId('token-row-scorer')).toHaveTextContent('score real-time endpoint diabetes');
    expect(JSON.parse(calls.find((call) => call.method === 'POST')?.init.body as string).scopes).toEqual(['inference:score:diabetes']);
  });

  it('revokes a token only after confirming', async () => {
    const { calls } = stubFetch({
      'GET /api/tokens/': () => jsonResponse(200, { results: [token], next: null }),
      'DELETE /api/tokens/4/': () => jsonResponse(204, undefined),
    });
    renderWithProviders(<TokensPage />, { route: '/tokens' });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke token nightly-ci' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true));
  });
});
