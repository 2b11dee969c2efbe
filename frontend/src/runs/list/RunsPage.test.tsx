import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { FakeWebSocket, installFakeWebSocket, stubApi, summary } from '../../test/runsFixtures';
import { RunsPage } from './RunsPage';

function stub() {
  return stubApi({
    '/api/runs/': [summary(2, 'running'), summary(1, 'completed')],
    '/api/runs/?experiment=Default': [summary(2, 'running'), summary(1, 'completed')],
    '/api/runs/?experiment=Default&status=failed': [],
    '/api/pipelines/*': [{ id: 3, name: 'Churn', description: '', graph: { nodes: [], edges: [] }, parameters: {}, revision: 1, created_at: '', updated_at: '' }],
    '/api/experiments/': [{ name: 'Default', run_count: 2, last_run_at: null, statuses: { running: 1, completed: 1 } }],
  });
}

beforeEach(installFakeWebSocket);
afterEach(() => vi.unstubAllGlobals());

describe('RunsPage', () => {
  it('lists runs, filtered by selects kept in the URL', async () => {
    const calls = stub();
    renderWithProviders(<RunsPage />, { route: '/runs?experiment=Default', path: '/runs' });
    expect(await screen.findByTestId('runs-row-2')).toBeInTheDocument();
    expect(calls).toContain('GET /api/runs/?experiment=Default');
    expect(screen.getByLabelText('Experiment')).toHaveValue('Default');
    await screen.findByRole('option', { name: 'Churn' });

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    expect(await screen.findByText('No runs match these filters.')).toBeInTheDocument();
    expect(calls).toContain('GET /api/runs/?experiment=Default&status=failed');
  });

  it('follows the runs feed: states change and new runs appear, without refetching', async () => {
    const calls = stub();
    renderWithProviders(<RunsPage />, { route: '/runs', path: '/runs' });
    await screen.findByTestId('runs-row-2');
    const feed = FakeWebSocket.find(/\/ws\/runs\/$/)!;
    feed.open();
    feed.push({ type: 'run', run: summary(2, 'completed') });
    await waitFor(() => expect(screen.getByTestId('runs-status-2')).toHaveTextContent('completed'));
    feed.push({ type: 'run', run: summary(3, 'queued') });
    expect(await screen.findByTestId('runs-status-3')).toHaveTextContent('queued');
    // The list is not read again; the run that ended is read once, for its metrics.
    await waitFor(() => expect(calls).toContain('GET /api/runs/2/'));
    expect(calls.filter((call) => call === 'GET /api/runs/' || call.startsWith('GET /api/runs/?'))).toHaveLength(1);

    // After a reconnect, what was missed is fetched again.
    feed.onclose?.(new CloseEvent('close', { code: 1006 }));
    await waitFor(() => expect(FakeWebSocket.all.filter((s) => /\/ws\/runs\/$/.test(s.url))).toHaveLength(2), { timeout: 2000 });
    FakeWebSocket.find(/\/ws\/runs\/$/)!.open();
    await waitFor(() => expect(calls.filter((call) => call === 'GET /api/runs/')).toHaveLength(2));
  });

  it('compares the ticked runs', async () => {
    stub();
    renderWithProviders(<RunsPage />, {
      route: '/runs',
      path: '/runs',
      extraRoutes: [{ path: '/runs/compare', element: <p>compare page</p> }],
    });
    await screen.findByTestId('runs-row-2');
    const compare = screen.getByRole('button', { name: /^Compare/ });
    expect(compare).toBeDisabled();
    fireEvent.click(screen.getByLabelText('Select run 2'));
    fireEvent.click(screen.getByLabelText('Select run 1'));
    expect(within(screen.getByTestId('runs-row-1')).getByRole('checkbox')).toBeChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Compare (2)' }));
    expect(await screen.findByText('compare page')).toBeInTheDocument();
  });

  it('loads older runs on "Load more" and shows the metric columns picked', async () => {
    const newest = Array.from({ length: 50 }, (_, i) => summary(60 - i, 'completed', { metrics: { 'evaluate.r2': 0.5 } }));
    const older = [summary(10, 'completed', { metrics: { 'evaluate.r2': 0.25, 'evaluate.mae': 3 } })];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        if (path === '/api/runs/') {
          return new Response(JSON.stringify(newest), { headers: { 'X-Next-Cursor': 'older' } });
        }
        if (path === '/api/runs/?cursor=older') return new Response(JSON.stringify(older));
        return new Response(JSON.stringify([]));
      }),
    );
    renderWithProviders(<RunsPage />, { route: '/runs', path: '/runs' });
    await screen.findByTestId('runs-row-60');
    expect(screen.queryByTestId('runs-row-10')).not.toBeInTheDocument();
    expect(screen.getByTestId('runs-submitted-by-60')).toHaveTextContent('ada');

    fireEvent.click(screen.getByTestId('runs-load-more'));
    expect(await screen.findByTestId('runs-row-10')).toBeInTheDocument();
    expect(await screen.findByText('All 51 runs shown.')).toBeInTheDocument();

    fireEvent.click(screen.getByText('Metric columns'));
    fireEvent.click(screen.getByLabelText('evaluate.mae'));
    expect(screen.getByTestId('runs-metric-10-evaluate.mae')).toHaveTextContent(/^3$/);
    expect(screen.getByTestId('runs-metric-60-evaluate.mae')).toHaveTextContent('—');
  });
});
