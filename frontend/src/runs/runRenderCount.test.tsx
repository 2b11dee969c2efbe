/**
 * A big run stays fluid while events stream only if an event touches only the node it concerns.
 * These tests count how often each run node renders while events arrive for a 400-node run.
 */
import { act, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { componentKeys } from '../api/components';
import type { GraphNode, PipelineGraph, Run } from '../api/models';
import { loadCsv, node, nodeEvent, nodeRun, sampleRun, splitData, trainModel } from '../test/fixtures';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { renderWithProviders, testQueryClient } from '../test/render';
import { useRunLive } from './live/liveStore';
import { RunGraph } from './RunGraph';

const renders = new Map<string, number>();

// Every render of a run node reads its status once through useLiveNodeStatus: count those calls.
vi.mock('./live/liveStore', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./live/liveStore')>();
  return {
    ...actual,
    useLiveNodeStatus: (id: string) => {
      renders.set(id, (renders.get(id) ?? 0) + 1);
      return actual.useLiveNodeStatus(id);
    },
  };
});

// Enough to show that an event's cost does not grow with the graph; the 1,000-node figures are
// measured in a real browser by bench/run_view.py.
const N = 400;
// A bound on waiting, not a measure of speed: these tests count renders, not milliseconds.
const SLOW_MS = 120_000;

function bigGraph(): PipelineGraph {
  const nodes: GraphNode[] = Array.from({ length: N }, (_, i) => node(`n${i}`, 'split_data@1.0.0', (i % 25) * 220, Math.floor(i / 25) * 140));
  const edges = nodes.slice(1).map((n, i) => ({ source: `n${i}`, source_port: 'first', target: n.id, target_port: 'data' }));
  return { nodes, edges };
}

function bigRun(graph: PipelineGraph): Run {
  return sampleRun({ seq: 1, graph, nodes: graph.nodes.map((n) => nodeRun(n.id, { status: 'queued' })) });
}

let seq = 1;
const send = (...messages: Parameters<ReturnType<typeof useRunLive.getState>['receive']>[0][]) =>
  act(() => {
    for (const message of messages) useRunLive.getState().receive(message);
  });

async function renderBigRun() {
  const graph = bigGraph();
  useRunLive.getState().reset('12');
  seq = 1;
  useRunLive.getState().receive({ type: 'snapshot', seq, run: bigRun(graph) });
  const queryClient = testQueryClient();
  queryClient.setQueryData(componentKeys.list(), [loadCsv, splitData, trainModel]);
  renderWithProviders(
    <div style={{ width: 1200, height: 800 }}>
      <RunGraph graph={graph} onSelectNode={() => undefined} />
    </div>,
    { queryClient },
  );
  // Rendering hundreds of nodes in jsdom takes seconds on a busy machine: wait for it, however long.
  await screen.findByTestId(`run-node-n${N - 1}`, {}, { timeout: SLOW_MS });
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  renders.clear();
}

const rendered = () => [...renders.keys()].sort();

beforeAll(installReactFlowEnv);
beforeEach(() => renders.clear());

describe('a 400-node run view', { timeout: 2 * SLOW_MS }, () => {
  it('re-renders only the node an event is about, and none for log lines, metrics or the run', async () => {
    await renderBigRun();

    send(nodeEvent((seq += 1), 'n200', 'running'));
    expect(rendered()).toEqual(['n200']);
    expect(screen.getByTestId('run-node-n200')).toHaveAttribute('data-status', 'running');
    renders.clear();

    send({ type: 'progress', seq: (seq += 1), node: 'n200', current: 1, total: 4 });
    expect(rendered()).toEqual(['n200']);
    renders.clear();

    // A flood of log lines and metric values for one node draws no node at all.
    const lines = Array.from({ length: 200 }, () => ({ type: 'log' as const, seq: (seq += 1), node: 'n200', stream: 'stdout' as const, line: 'epoch' }));
    send(...lines, { type: 'metric', seq: (seq += 1), node: 'n200', name: 'loss', value: 0.5, step: 1 });
    send({ type: 'run', seq: (seq += 1), status: 'running', started_at: '2026-11-25T10:00:01Z', finished_at: null });
    expect(rendered()).toEqual([]);

    send(nodeEvent((seq += 1), 'n200', 'completed'), nodeEvent((seq += 1), 'n201', 'running'));
    expect(rendered()).toEqual(['n200', 'n201']);
    expect(screen.getByTestId(`run-node-n${N - 1}`)).toHaveAttribute('data-status', 'queued');
  });
});
