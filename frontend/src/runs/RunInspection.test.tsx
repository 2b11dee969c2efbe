import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { loadCsv, splitData, trainModel } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { FakeWebSocket, finishedRun, installFakeWebSocket, stubApi } from '../test/runsFixtures';
import { RunPage } from './RunPage';

function stub(status: 'completed' | 'failed' = 'failed') {
  return stubApi({
    '/api/runs/12/': finishedRun(12, 0.8, 0.42, status),
    '/api/components/': [loadCsv, splitData, trainModel],
    '/api/runs/12/nodes/split/logs/': {
      lines: [
        { seq: 3, stream: 'stdout', line: 'reading rows', time: '' },
        { seq: 4, stream: 'stdout', line: 'epoch 1', time: '' },
        { seq: 5, stream: 'stderr', line: 'epoch 2 warning', time: '' },
      ],
      last_seq: 5,
    },
    'POST /api/runs/12/rerun/': (init: RequestInit) => ({ ...finishedRun(77, 0.8, 0.1), status: 'queued', body: init.body }),
    '/api/runs/77/': { ...finishedRun(77, 0.8, 0.1), status: 'queued' },
  });
}

const render = (route = '/runs/12') => renderWithProviders(<RunPage />, { route, path: '/runs/:id' });

beforeAll(installReactFlowEnv);
beforeEach(installFakeWebSocket);
afterEach(() => vi.unstubAllGlobals());

describe('run header', () => {
  it('offers Re-run and Re-run failed for a failed run, opening the new run', async () => {
    const calls = stub('failed');
    render();
    expect(await screen.findByTestId('run-status')).toHaveTextContent('failed');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Re-run failed' }));
    expect(await screen.findByText('run #77')).toBeInTheDocument();
    expect(calls).toContain('POST /api/runs/12/rerun/');
    const fetchMock = vi.mocked(fetch);
    const rerun = fetchMock.mock.calls.find(([path]) => path === '/api/runs/12/rerun/');
    expect(JSON.parse(String(rerun?.[1]?.body))).toEqual({ failed_only: true });
  });

  it('offers only Re-run for a completed run', async () => {
    stub('completed');
    render();
    expect(await screen.findByRole('button', { name: 'Re-run' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Re-run failed' })).toBeNull();
  });
});

describe('graph nodes', () => {
  it('show durations and where reused outputs came from', async () => {
    stub();
    render();
    const load = await screen.findByTestId('run-node-load');
    expect(load).toHaveAttribute('data-status', 'reused');
    expect(load).toHaveTextContent('reused from run 4');
    expect(screen.getByTestId('run-node-clock-split')).toHaveTextContent('10s');
  });
});

describe('node details', () => {
  it('shows the resolved parameters', async () => {
    stub();
    render('/runs/12?node=split');
    fireEvent.click(await screen.findByRole('tab', { name: 'Parameters' }));
    expect(screen.getByTestId('param-fraction')).toHaveTextContent('0.8');
    expect(screen.getByTestId('param-mode')).toHaveTextContent('random');
  });

  it('explains why a node ran again, change by change', async () => {
    stub();
    render('/runs/12?node=split');
    fireEvent.click(await screen.findByRole('tab', { name: 'Reuse' }));
    const reuse = screen.getByTestId('node-reuse');
    expect(reuse).toHaveTextContent("Not reused: parameter 'fraction' changed from 0.7 to 0.8.");
    const changes = within(screen.getByTestId('reuse-changes')).getAllByRole('listitem');
    expect(changes.map((item) => item.textContent)).toEqual(['parameter fraction: 0.7 → 0.8', 'input data changed']);
    expect(within(reuse).getByRole('link', { name: 'run #9, node split' })).toHaveAttribute('href', '/runs/9?node=split');
  });

  it('filters log lines by search and can stop following while the step runs', async () => {
    stub();
    render('/runs/12?node=split');
    const logs = await screen.findByTestId('node-logs');
    await within(logs).findByText('reading rows');
    fireEvent.change(screen.getByLabelText('Search log'), { target: { value: 'EPOCH' } });
    expect(logs.textContent).toBe('epoch 1\nepoch 2 warning\n');
    expect(screen.getByTestId('logs-count')).toHaveTextContent('2 of 3 lines');
    // The run is over: the log is whole, there is nothing to follow.
    expect(screen.queryByTestId('logs-follow')).toBeNull();

    const running = finishedRun(12, 0.8, 0.42, 'running');
    running.nodes[1] = { ...running.nodes[1]!, status: 'running', finished_at: null };
    FakeWebSocket.find(/\/ws\/runs\/12\/\?batch=1$/)!.push({ type: 'snapshot', seq: 30, run: running });
    const follow = await screen.findByTestId('logs-follow');
    expect(follow).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(follow);
    expect(follow).toHaveAttribute('aria-pressed', 'false');
    expect(follow).toHaveTextContent('Follow');

    FakeWebSocket.find(/\/ws\/runs\/12\/\?batch=1$/)!.push({ type: 'log', seq: 31, node: 'split', stream: 'stdout', line: 'epoch 3' });
    expect(logs.textContent).toBe('epoch 1\nepoch 2 warning\nepoch 3\n');
  });
});

describe('a reused node', () => {
  it('shows the metrics and logs of the run it reused, naming that run', async () => {
    const run = finishedRun(12, 0.8, 0.42, 'completed');
    run.nodes[0] = { ...run.nodes[0]!, from_run: 4, metrics: { rows: 442 } };
    stubApi({
      '/api/runs/12/': run,
      '/api/components/': [loadCsv, splitData, trainModel],
      '/api/runs/12/nodes/load/logs/': {
        lines: [{ seq: 2, stream: 'system', line: 'outputs: data = dataframe 442 rows × 11 columns', time: '' }],
        last_seq: 2,
        from_run: 4,
      },
      '/api/runs/12/nodes/load/metrics/': [],
    });
    render('/runs/12?node=load');
    const logs = await screen.findByTestId('node-logs');
    expect(await within(logs).findByText(/442 rows × 11 columns/)).toHaveClass('system');
    expect(screen.queryByText(/No log lines/)).toBeNull();
    const from = screen.getByTestId('node-from-run');
    expect(within(from).getByRole('link', { name: 'run #4' })).toHaveAttribute('href', '/runs/4?node=load');
    fireEvent.click(screen.getByRole('tab', { name: 'Metrics' }));
    expect(screen.getByTestId('metric-rows')).toHaveTextContent('442');
    expect(screen.getByTestId('node-from-run')).toHaveTextContent('from run #4');
  });
});

describe('timeline', () => {
  it('draws a bar per node and names the critical path', async () => {
    stub();
    render('/runs/12?view=timeline');
    expect(await screen.findByTestId('critical-path')).toHaveTextContent('Critical path: split → train (40s)');
    expect(screen.getByTestId('gantt-train')).toHaveAttribute('data-critical', 'true');
    expect(screen.getByTestId('gantt-load')).not.toHaveAttribute('data-critical');
    expect(screen.getByTestId('gantt-load')).toHaveTextContent('reused');
    fireEvent.click(screen.getByRole('tab', { name: 'Graph' }));
    expect(await screen.findByTestId('run-canvas')).toBeInTheDocument();
  });
});
