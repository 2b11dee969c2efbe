/**
 * Test helpers of the runs pages: a stand-in for the browser WebSocket that tests drive by
 * hand, a fetch stub answering from a table of paths, and example runs in server shapes.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { Run, RunListItem, RunSummary } from '../api/models';
import { nodeRun, sampleRun } from './fixtures';
import { jsonResponse } from './render';

/** Every socket the code under test opened, newest last; push frames with `push`. */
export class FakeWebSocket {
  static all: FakeWebSocket[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }
  static find(pattern: RegExp): FakeWebSocket | undefined {
    return [...FakeWebSocket.all].reverse().find((socket) => pattern.test(socket.url) && !socket.closed);
  }
  close() {
    this.closed = true;
  }
  open() {
    act(() => this.onopen?.(new Event('open')));
  }
  push(message: object) {
    act(() => this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) })));
  }
}

export function installFakeWebSocket(): void {
  FakeWebSocket.all = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
}

type Answer = unknown | ((init: RequestInit) => unknown);

/**
 * Stubs fetch: `routes` maps "METHOD path" (or just a path, for GET; "path*" for any query) to a
 * body or a function of the request; others are 404.
 */
export function stubApi(routes: Record<string, Answer>): string[] {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push(`${method} ${path}`);
      const bare = path.split('?')[0]!;
      const answer =
        routes[`${method} ${path}`] ?? (method === 'GET' ? (routes[path] ?? routes[`${bare}*`]) : undefined);
      if (answer === undefined) return jsonResponse(404, { message: `no fixture for ${method} ${path}` });
      return jsonResponse(200, typeof answer === 'function' ? (answer as (init: RequestInit) => unknown)(init) : answer);
    }),
  );
  return calls;
}

export function summary(id: number, status: RunSummary['status'], extra: Partial<RunListItem> = {}): RunListItem {
  return {
    id,
    workspace: 'default',
    pipeline: 3,
    pipeline_name: 'Churn',
    version: 1,
    experiment: 'Default',
    description: '',
    tags: [],
    trigger: { kind: 'manual' },
    status,
    submitted_by: 'ada',
    metrics: {},
    created_at: '2026-11-25T10:00:00Z',
    started_at: '2026-11-25T10:00:01Z',
    finished_at: status === 'running' || status === 'queued' ? null : '2026-11-25T10:01:01Z',
    ...extra,
  };
}

/** A finished run of the sample graph with resolved params, metrics and reuse explanations. */
export function finishedRun(id: number, fraction: number, r2: number, status: Run['status'] = 'completed'): Run {
  const base = sampleRun({ id, status, seq: 30, finished_at: '2026-11-25T10:05:00Z', experiment: 'Default' });
  return {
    ...base,
    rerun_of: null,
    nodes: [
      {
        ...base.nodes[0]!,
        status: 'reused',
        reused: true,
        started_at: null,
        params: { path: 'churn.csv' },
        reused_from: { run: 4, node: 'load' },
        reuse: { reused: true, reason: 'reused', message: 'Reused the outputs of run 4, node load.', changes: [], from: { run: 4, node: 'load' } },
      },
      {
        ...base.nodes[1]!,
        status: 'completed',
        attempts: 1,
        started_at: '2026-11-25T10:00:02Z',
        finished_at: '2026-11-25T10:00:12Z',
        outputs: { first: 41, second: 42 },
        params: { fraction, seed: 0, mode: 'random' },
        reuse: {
          reused: false,
          reason: 'changed',
          message: "Not reused: parameter 'fraction' changed from 0.7 to 0.8.",
          changes: [
            { part: 'param', name: 'fraction', before: 0.7, now: 0.8 },
            { part: 'input', name: 'data', before: 'a', now: 'b' },
          ],
          compared_with: { run: 9, node: 'split' },
        },
      },
      {
        ...nodeRun('train', { component: 'train_model@2.0.0' }),
        status: status === 'completed' ? 'completed' : 'failed',
        attempts: 1,
        started_at: '2026-11-25T10:00:12Z',
        finished_at: '2026-11-25T10:00:42Z',
        metrics: { r2 },
        error: status === 'completed' ? null : 'ValueError: boom',
        params: { label: 'churn' },
      },
    ],
  };
}
