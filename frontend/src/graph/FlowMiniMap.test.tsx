import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider, useStoreApi, type Node } from '@xyflow/react';
import { useEffect } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { FlowMiniMap } from './FlowMiniMap';

let flowStore: ReturnType<typeof useStoreApi> | null = null;
function GrabStore() {
  const store = useStoreApi();
  useEffect(() => {
    flowStore = store;
  }, [store]);
  return null;
}

const N = 300;
const nodes: Node[] = Array.from({ length: N }, (_, i) => ({
  id: `n${i}`,
  position: { x: (i % 20) * 220, y: Math.floor(i / 20) * 140 },
  data: { label: `n${i}`, off: i % 3 === 0 },
}));

function renderFlow() {
  return render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow defaultNodes={nodes} defaultEdges={[]} minZoom={0.05}>
          <FlowMiniMap<Node> nodeClassName={(node) => (node.data.off ? 'bypassed' : '')} />
          <GrabStore />
        </ReactFlow>
      </div>
    </ReactFlowProvider>,
  );
}

beforeAll(installReactFlowEnv);

describe('FlowMiniMap', () => {
  it('draws every node of a big flow in a few paths per class, not an element per node', async () => {
    const { container } = renderFlow();
    const minimap = screen.getByTestId('rf__minimap');
    expect(minimap).toHaveClass('react-flow__minimap');
    const rects = (selector: string) =>
      [...minimap.querySelectorAll(selector)].reduce((count, path) => count + (path.getAttribute('d')?.match(/M/g)?.length ?? 0), 0);
    await waitFor(() => expect(rects('path.react-flow__minimap-node')).toBe(N));
    expect(rects('path.react-flow__minimap-node:not(.bypassed)')).toBe(N - N / 3);
    expect(rects('path.react-flow__minimap-node.bypassed')).toBe(N / 3);
    expect(minimap.querySelectorAll('path.react-flow__minimap-node')).toHaveLength(Math.ceil(200 / 64) + Math.ceil(100 / 64));
    expect(minimap.querySelector('path.bypassed')?.getAttribute('d')).toContain('M0,0h180v60h-180z');
    expect(container.querySelectorAll('.react-flow__minimap rect')).toHaveLength(0);
    expect(minimap.querySelector('.react-flow__minimap-mask')).not.toBeNull();
  });

  it('pans the canvas when dragged on, and zooms it with the wheel', async () => {
    renderFlow();
    const svg = screen.getByRole('img', { name: 'Mini map' });
    await waitFor(() => expect(flowStore).not.toBeNull());
    const before = flowStore!.getState().transform;
    fireEvent.pointerDown(svg, { button: 0, pointerId: 1, clientX: 50, clientY: 50 });
    fireEvent.pointerMove(svg, { pointerId: 1, clientX: 60, clientY: 55 });
    fireEvent.pointerUp(svg, { pointerId: 1, clientX: 60, clientY: 55 });
    await waitFor(() => expect(flowStore!.getState().transform[0]).toBeLessThan(before[0]));
    expect(flowStore!.getState().transform[1]).toBeLessThan(before[1]);
    // Moving without a button held does nothing.
    const panned = flowStore!.getState().transform;
    fireEvent.pointerMove(svg, { pointerId: 1, clientX: 90, clientY: 90 });
    expect(flowStore!.getState().transform).toEqual(panned);

    const zoom = panned[2];
    act(() => {
      svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));
    });
    await waitFor(() => expect(flowStore!.getState().transform[2]).toBeGreaterThan(zoom));
  });
});
