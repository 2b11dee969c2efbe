/**
 * Adding a component to the canvas: at a drop point (screen coordinates) or in the middle of the
 * current view (double-click in the palette), optionally with parameters filled in (a dataset).
 * Remembers it among the recently used components. Must be used inside the ReactFlowProvider.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { parseComponentRef } from '../../api/components';
import type { JsonValue } from '../../api/models';
import { useDocument } from '../document/documentStore';
import { useRecentComponents } from '../palette/recentComponents';
import { useDesignerView } from '../viewStore';
import { positionOf } from '../../graph/nodeFields';

// Roughly half a node, so a node added "at" a point is centred on it.
const NODE_HALF_WIDTH = 90;
const NODE_HALF_HEIGHT = 30;
const NUDGE = 30;

type XY = { x: number; y: number };
type Params = Readonly<Record<string, JsonValue>>;

export function freeSpot(taken: readonly XY[], start: XY) {
  const spot = { x: Math.round(start.x), y: Math.round(start.y) };
  while (taken.some((p) => Math.abs(p.x - spot.x) < 4 && Math.abs(p.y - spot.y) < 4)) {
    spot.x += NUDGE;
    spot.y += NUDGE;
  }
  return spot;
}

export function useAddComponent() {
  const { screenToFlowPosition } = useReactFlow();
  const store = useStoreApi();

  const addAt = useCallback((component: string, flowPoint: XY, params?: Params) => {
    const { draft, addNode } = useDocument.getState();
    if (!draft) return null;
    const position = freeSpot(
      draft.graph.nodes.map(positionOf),
      { x: flowPoint.x - NODE_HALF_WIDTH, y: flowPoint.y - NODE_HALF_HEIGHT },
    );
    const id = addNode(component, position, params);
    if (id) {
      useDesignerView.getState().selectOnly(id);
      useRecentComponents.getState().remember(parseComponentRef(component).name);
    }
    return id;
  }, []);

  const addAtScreenPoint = useCallback(
    (component: string, clientX: number, clientY: number, params?: Params) =>
      addAt(component, screenToFlowPosition({ x: clientX, y: clientY }), params),
    [addAt, screenToFlowPosition],
  );

  const addAtViewCentre = useCallback(
    (component: string, params?: Params) => {
      const { width, height, transform } = store.getState();
      const [x, y, zoom] = transform;
      return addAt(component, { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom }, params);
    },
    [addAt, store],
  );

  return { addAtScreenPoint, addAtViewCentre };
}
