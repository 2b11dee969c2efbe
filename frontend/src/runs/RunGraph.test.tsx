import { act, fireEvent, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { componentKeys } from '../api/components';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { loadCsv, nodeEvent, sampleGraph, sampleRun, splitData, trainModel } from '../test/fixtures';
import { renderWithProviders, testQueryClient } from '../test/render';
import { useRunLive } from './live/liveStore';
import { RunGraph } from './RunGraph';

function renderGraph(onSelectNode = vi.fn(), graph = sampleGraph()) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(componentKeys.list(), [loadCsv, splitData, trainModel]);
  renderWithProviders(
    <div style={{ width: 800, height: 600 }}>
      <RunGraph graph={graph} onSelectNode={onSelectNode} />
    </div>,
    { queryClient },
  );
  return { onSelectNode, queryClient };
}

beforeAll(installReactFlowEnv);
beforeEach(() => {
  const live = useRunLive.getState();
  live.reset('12');
  live.receive({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
});

describe('RunGraph', () => {
  it('hands the nodes their specs: no query subscription per node', async () => {
    const graph = sampleGraph();
    const nodes = Array.from({ length: 60 }, (_, i) => ({ ...graph.nodes[1]!, id: `s${i}` }));
    const { queryClient } = renderGraph(vi.fn(), { nodes, edges: [] });
    expect(await screen.findByTestId('handle-s59-out-second')).toBeInTheDocument();
    const observers = queryClient.getQueryCache().find({ queryKey: componentKeys.list() })?.getObserversCount();
    expect(observers).toBeLessThanOrEqual(2);
  });

  it('colours each node by its status', async () => {
    renderGraph();
    expect(await screen.findByTestId('run-node-load')).toHaveAttribute('data-status', 'completed');
    expect(screen.getByTestId('run-node-split')).toHaveAttribute('data-status', 'queued');
    expect(screen.getByTestId('run-node-train')).toHaveAttribute('data-status', 'pending');
  });

  it('follows live events, with a progress bar while running', async () => {
    renderGraph();
    await screen.findByTestId('run-node-split');
    act(() => {
      useRunLive.getState().receive(nodeEvent(6, 'split', 'running'));
      useRunLive.getState().receive({ type: 'progress', seq: 7, node: 'split', current: 2, total: 4 });
    });
    const split = screen.getByTestId('run-node-split');
    expect(split).toHaveAttribute('data-status', 'running');
    expect(split.querySelector('[role="progressbar"]')).toHaveAttribute('aria-valuenow', '2');

    act(() => {
      useRunLive.getState().receive(nodeEvent(8, 'split', 'failed', { error: 'boom' }));
    });
    expect(split).toHaveAttribute('data-status', 'failed');
    expect(split.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('says what a labelled progress measures, such as an environment being prepared', async () => {
    renderGraph();
    await screen.findByTestId('run-node-split');
    act(() => {
      useRunLive.getState().receive(nodeEvent(6, 'split', 'running'));
      useRunLive
        .getState()
        .receive({ type: 'progress', seq: 7, node: 'split', current: 40, total: 100, label: 'preparing environment' });
    });
    const split = screen.getByTestId('run-node-split');
    expect(split).toHaveTextContent('preparing environment 40 %');
    expect(split.querySelector('[role="progressbar"]')).toHaveAttribute('aria-label', 'preparing environment');

    act(() => {
      useRunLive.getState().receive({ type: 'progress', seq: 8, node: 'split', current: 0, total: 1 });
    });
    expect(split).not.toHaveTextContent('preparing environment');
  });

  it('reports the clicked node', async () => {
    const { onSelectNode } = renderGraph();
    fireEvent.click(await screen.findByTestId('run-node-train'));
    expect(onSelectNode).toHaveBeenCalledWith('train');
  });
});
