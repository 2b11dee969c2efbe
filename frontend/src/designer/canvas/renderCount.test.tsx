/**
 * A big graph stays fluid only if an event touches only the nodes it concerns. These tests
 * count how often each node component renders while one node is dragged, edited or selected
 * in a 200-node pipeline.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { ReactFlowProvider, useStoreApi, type NodeChange } from '@xyflow/react';
import { useEffect } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { componentKeys } from '../../api/components';
import type { GraphNode, PipelineGraph } from '../../api/models';
import { loadCsv, node, splitData, trainModel } from '../../test/fixtures';
import { installReactFlowEnv } from '../../test/reactFlowEnv';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { useDocument } from '../document/documentStore';
import { useDesignerView } from '../viewStore';
import { Canvas } from './Canvas';

const renders = new Map<string, number>();
/** The renders of each node while the canvas opened, its nodes measured. */
let openingRenders = new Map<string, number>();

// Every render of a node calls useNodeIssues(id) once: count those calls per node.
vi.mock('../feedbackStore', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../feedbackStore')>();
  return {
    ...actual,
    useNodeIssues: (id: string) => {
      renders.set(id, (renders.get(id) ?? 0) + 1);
      return actual.useNodeIssues(id);
    },
  };
});

const N = 200;
// A bound on waiting, not a measure of speed: these tests count renders, not milliseconds.
const SLOW_MS = 60_000;
const components = [loadCsv, splitData, trainModel];
const specs = new Map(components.map((c) => [`${c.name}@${c.version}`, c]));

function bigGraph(): PipelineGraph {
  const nodes: GraphNode[] = Array.from({ length: N }, (_, i) => node(`n${i}`, 'split_data@1.0.0', (i % 20) * 220, Math.floor(i / 20) * 140));
  const edges = nodes.slice(1).map((n, i) => ({ source: `n${i}`, source_port: 'first', target: n.id, target_port: 'data' }));
  return { nodes, edges };
}

let flowStore: ReturnType<typeof useStoreApi> | null = null;
function GrabStore() {
  const store = useStoreApi();
  useEffect(() => {
    flowStore = store;
  }, [store]);
  return null;
}

async function renderBigCanvas() {
  useDocument.getState().load({ id: 1, workspace: 'default', name: 'big', description: '', graph: bigGraph(), parameters: {}, default_compute: 'default', revision: 1, created_at: '', updated_at: '' });
  useDesignerView.getState().reset();
  const queryClient = testQueryClient();
  queryClient.setQueryData(componentKeys.list(), components);
  renderWithProviders(
    <ReactFlowProvider>
      <GrabStore />
      <div style={{ width: 1200, height: 800 }}>
        <Canvas specs={specs} />
      </div>
    </ReactFlowProvider>,
    { queryClient },
  );
  // Rendering 200 nodes in jsdom takes seconds on a busy machine: wait for it, however long.
  await screen.findByTestId(`node-n${N - 1}`, {}, { timeout: SLOW_MS });
  // Let measuring settle (sizes arrive as one batch of changes).
  await waitFor(() => expect(Object.keys(useDesignerView.getState().measured)).toHaveLength(N), {
    timeout: SLOW_MS,
  });
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  openingRenders = new Map(renders);
  renders.clear();
  return queryClient;
}

/** Nodes that rendered since the last clear. */
const rendered = () => [...renders.keys()].sort();

function dragFrames(id: string, frames: number) {
  for (let frame = 1; frame <= frames; frame += 1) {
    const changes: NodeChange[] = [{ type: 'position', id, position: { x: 5 * frame, y: 3 * frame }, dragging: frame < frames }];
    act(() => flowStore!.getState().triggerNodeChanges(changes));
  }
}

beforeAll(installReactFlowEnv);
beforeEach(() => renders.clear());

describe('a 200-node canvas', { timeout: 2 * SLOW_MS }, () => {
  it('renders each node once on opening: measuring the nodes does not draw them again', async () => {
    await renderBigCanvas();
    expect(openingRenders.size).toBe(N);
    expect(new Set(openingRenders.values())).toEqual(new Set([1]));
  });

  it('re-renders no node while one is dragged: a position is no part of what a node draws', async () => {
    await renderBigCanvas();
    dragFrames('n57', 10);
    expect(rendered()).toEqual([]);
    expect(screen.getByTestId('node-n57').closest('.react-flow__node')).toHaveStyle({ transform: 'translate(50px,30px)' });
    expect(useDocument.getState().draft!.graph.nodes[57]!.position).toEqual({ x: 50, y: 30 });
    expect(useDocument.getState().history.past).toHaveLength(1);
  });

  it('re-renders only the node whose comment or bypass changes, and none for a parameter', async () => {
    await renderBigCanvas();
    act(() => useDocument.getState().setNodeSettings('n3', { comment: 'note' }));
    act(() => useDocument.getState().toggleDisabled(['n3']));
    expect(rendered()).toEqual(['n3']);
    renders.clear();
    act(() => useDocument.getState().setParam('n4', 'fraction', 0.2));
    expect(rendered()).toEqual([]);
  });

  it('gives the nodes their specs without a query subscription per node', async () => {
    const queryClient = await renderBigCanvas();
    const observers = queryClient.getQueryCache().find({ queryKey: componentKeys.list() })?.getObserversCount();
    // The canvas's own; 200 nodes each observing the list cost much of opening a big pipeline.
    expect(observers).toBe(1);
    expect(screen.getByTestId(`handle-n${N - 1}-out-second`)).toBeInTheDocument();
  });

  it('re-renders only the nodes whose selection changes', async () => {
    await renderBigCanvas();
    act(() => useDesignerView.getState().selectOnly('n10'));
    expect(rendered()).toEqual(['n10']);
    renders.clear();
    act(() => useDesignerView.getState().selectOnly('n11'));
    expect(rendered()).toEqual(['n10', 'n11']);
  });
});
