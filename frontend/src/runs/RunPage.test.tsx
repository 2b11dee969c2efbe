import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeRun } from '../api/models';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { loadCsv, nodeRun, sampleRun, splitData, trainModel } from '../test/fixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { RunPage } from './RunPage';

/** Stands in for the browser WebSocket; tests push frames through `last`. */
class FakeWebSocket {
  static last: FakeWebSocket | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.last = this;
  }
  close() {}
  push(message: object) {
    act(() => this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) })));
  }
}

const failedTrain: NodeRun = nodeRun('train', {
  component: 'train_model@2.0.0',
  status: 'failed',
  attempts: 1,
  error: 'ValueError: label column missing',
  traceback: 'Traceback (most recent call last):\n  ...',
});

function run() {
  const base = sampleRun({ seq: 5 });
  return { ...base, nodes: [...base.nodes.map((n) => (n.node === 'load' ? { ...n, metrics: { rows: 100 } } : n)), failedTrain] };
}

function stubFetch() {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      calls.push(`${init.method ?? 'GET'} ${path}`);
      switch (path) {
        case '/api/runs/12/':
          return jsonResponse(200, run());
        case '/api/components/':
          return jsonResponse(200, [loadCsv, splitData, trainModel]);
        case '/api/runs/12/nodes/load/logs/':
          return jsonResponse(200, { lines: [{ seq: 3, stream: 'stdout', line: 'reading file', time: '' }], last_seq: 3 });
        case '/api/artifacts/40/':
          return jsonResponse(200, { id: 40, digest: 'sha256:abc', kind: 'dataframe', size: 2048, schema: null, row_count: 2, created_at: '' });
        case '/api/artifacts/40/preview/':
          return jsonResponse(200, { columns: ['age', 'city'], rows: [[31, 'Oslo'], [45, 'Lima']], row_count: 2 });
        case '/api/runs/12/cancel/':
          return jsonResponse(200, {});
        default:
          return jsonResponse(404, { message: `no fixture for ${path}` });
      }
    }),
  );
  return calls;
}

function renderRun(route = '/runs/12') {
  return renderWithProviders(<RunPage />, { route, path: '/runs/:id' });
}

beforeAll(installReactFlowEnv);
beforeEach(() => {
  FakeWebSocket.last = null;
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('RunPage', () => {
  it('shows the run header, opens the run socket and follows its events', async () => {
    const calls = stubFetch();
    renderRun();
    expect(await screen.findByTestId('run-status')).toHaveTextContent('running');
    expect(screen.getByRole('heading', { name: 'Churn' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open in designer' })).toHaveAttribute('href', '/pipelines/3');
    expect(FakeWebSocket.last?.url).toMatch(/\/ws\/runs\/12\/\?batch=1$/);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(calls).toContain('POST /api/runs/12/cancel/'));
    FakeWebSocket.last!.push({ type: 'run', seq: 6, status: 'canceled' });
    expect(screen.getByTestId('run-status')).toHaveTextContent('canceled');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows a node’s logs, fetched then appended live without duplicates', async () => {
    stubFetch();
    renderRun('/runs/12?node=load');
    const logs = await screen.findByTestId('node-logs');
    await within(logs).findByText('reading file');
    FakeWebSocket.last!.push({ type: 'snapshot', seq: 5, run: run() });
    FakeWebSocket.last!.push({ type: 'log', seq: 6, node: 'load', stream: 'stdout', line: 'parsed 100 rows' });
    FakeWebSocket.last!.push({ type: 'log', seq: 6, node: 'load', stream: 'stdout', line: 'parsed 100 rows' });
    expect(logs.textContent).toBe('reading file\nparsed 100 rows\n');
  });

  it('shows metrics and a dataframe output with preview and download', async () => {
    stubFetch();
    renderRun('/runs/12?node=load');
    fireEvent.click(await screen.findByRole('tab', { name: 'Metrics' }));
    expect(screen.getByTestId('metric-rows')).toHaveTextContent(/^rows100$/);

    fireEvent.click(screen.getByRole('tab', { name: 'Outputs' }));
    const preview = await screen.findByTestId('preview-data');
    expect(within(preview).getByText('Oslo')).toBeInTheDocument();
    expect(within(preview).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['age', 'city']);
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', '/api/artifacts/40/download/');
  });

  it('opens a failed node on its error and traceback', async () => {
    stubFetch();
    renderRun('/runs/12?node=train');
    expect(await screen.findByRole('tab', { name: 'Error' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('ValueError: label column missing')).toBeInTheDocument();
    expect(screen.getByTestId('node-traceback').tagName).toBe('PRE');
  });
});
