import { QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders, testQueryClient } from '../test/render';
import { PipelinesPage } from './PipelinesPage';

const summaries = [
  { id: 1, name: 'Churn', description: 'Who leaves', revision: 3, node_count: 6, created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-02T00:00:00Z' },
  { id: 2, name: 'Alpha', description: '', revision: 1, node_count: 0, created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-03T00:00:00Z' },
];

function stubFetch(handler: (key: string, body: unknown) => Response | undefined) {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      const body = init.body ? JSON.parse(init.body as string) : undefined;
      calls.push({ key, body });
      if (key.startsWith('GET /api/runs/')) return jsonResponse(200, []);
      return handler(key, body) ?? jsonResponse(404, { message: `no fixture for ${key}` });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('PipelinesPage', () => {
  it('lists pipeline summaries with their node counts, in the chosen order', async () => {
    const calls = stubFetch((key) => (key.startsWith('GET /api/pipelines/?') ? jsonResponse(200, summaries) : undefined));
    renderWithProviders(<PipelinesPage />);
    const table = await screen.findByTestId('pipelines-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Alpha', 'Churn']);
    expect(within(rows[1]!).getAllByRole('cell')[2]).toHaveTextContent('6');
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'name' } });
    await waitFor(() => expect(calls.some((c) => c.key === 'GET /api/pipelines/?ordering=name')).toBe(true));
  });

  it('deletes only after confirming', async () => {
    const calls = stubFetch((key) => {
      if (key.startsWith('GET /api/pipelines/?')) return jsonResponse(200, summaries);
      if (key === 'DELETE /api/pipelines/1/') return new Response(null, { status: 204 });
      return undefined;
    });
    renderWithProviders(<PipelinesPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Churn' }));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.key.startsWith('DELETE'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Delete Churn' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted “Churn”.')).toBeInTheDocument();
  });

  it('renames in place with the revision it read', async () => {
    const calls = stubFetch((key) => {
      if (key.startsWith('GET /api/pipelines/?')) return jsonResponse(200, summaries);
      if (key === 'PATCH /api/pipelines/1/') return jsonResponse(200, { ...summaries[0], name: 'Churn v2', graph: { nodes: [], edges: [] }, parameters: {} });
      return undefined;
    });
    renderWithProviders(<PipelinesPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rename Churn' }));
    const input = screen.getByLabelText('New name for Churn');
    fireEvent.change(input, { target: { value: 'Churn v2' } });
    fireEvent.submit(input);
    await waitFor(() => expect(calls.find((c) => c.key === 'PATCH /api/pipelines/1/')?.body).toEqual({ name: 'Churn v2', revision: 3 }));
  });

  it('a search typed just before leaving the page does not bring the user back to the list', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      stubFetch((key) => (key.startsWith('GET /api/pipelines/?') ? jsonResponse(200, summaries) : undefined));
      window.history.replaceState(null, '', '/');
      render(
        <QueryClientProvider client={testQueryClient()}>
          <BrowserRouter>
            <Routes>
              <Route path="*" element={<PipelinesPage />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>,
      );
      await screen.findByTestId('pipelines-table');
      fireEvent.change(screen.getByLabelText('Search pipelines'), { target: { value: 'churn' } });
      // The address moves on (an opened pipeline) while this page is still on screen.
      window.history.pushState(null, '', '/pipelines/1');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
      expect(window.location.pathname + window.location.search).toBe('/pipelines/1');
      // Typed and left to settle on the page itself, the search does reach the address.
      window.history.pushState(null, '', '/');
      fireEvent.change(screen.getByLabelText('Search pipelines'), { target: { value: 'alpha' } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
      expect(window.location.search).toBe('?search=alpha');
    } finally {
      vi.useRealTimers();
      window.history.replaceState(null, '', '/');
    }
  });
});
