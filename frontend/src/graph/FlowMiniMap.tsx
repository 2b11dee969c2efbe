/**
 * The minimap of a flow, drawn cheaply enough for thousands of nodes: React Flow's own minimap
 * gives each node its own store subscription and <rect>, which at 1,000+ nodes costs more on
 * opening and on each drag frame than the canvas itself. This one watches the node list and the
 * view once, and draws the nodes as a few paths per class (miniMapGeometry).
 *
 * It looks and behaves like React Flow's (same classes and colours, bottom right): dragging on
 * it pans the canvas, the wheel over it zooms.
 */
import { Panel, useReactFlow, useStore, useStoreApi, type Node, type ReactFlowState } from '@xyflow/react';
import { useDeferredValue, useEffect, useMemo, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { shallow } from 'zustand/shallow';
import {
  maskPath,
  miniMapFrame,
  nodePaths,
  nodesBounds,
  panScale,
  union,
  viewRect,
  wheelZoom,
  type MiniMapFrame,
} from './miniMapGeometry';

const WIDTH = 200;
const HEIGHT = 150;

const viewSelector = (s: ReactFlowState) => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
});

export function FlowMiniMap<N extends Node>({
  nodeClassName,
  ariaLabel = 'Mini map',
}: {
  nodeClassName?: (node: N) => string;
  ariaLabel?: string;
}) {
  // Behind the canvas: under a stream of changes (a drag, a burst of sizes) the map may skip
  // intermediate node lists rather than hold up the frames that show them.
  const nodes = useDeferredValue(useStore((s) => s.nodes) as N[]);
  const view = useStore(viewSelector, shallow);
  const flow = useReactFlow();
  const store = useStoreApi();
  const paths = useMemo(() => nodePaths(nodes, nodeClassName), [nodes, nodeClassName]);
  const bounds = useMemo(() => nodesBounds(nodes), [nodes]);
  const shown = viewRect([view.x, view.y, view.zoom], view.width, view.height);
  const frame = miniMapFrame(bounds ? union(bounds, shown) : shown, WIDTH, HEIGHT);
  const svg = useRef<SVGSVGElement>(null);
  // The handlers read the view from the store as it is now, and the frame last drawn.
  const drawn = useRef<MiniMapFrame>(frame);
  useEffect(() => {
    drawn.current = frame;
  });
  const panFrom = useRef<{ x: number; y: number } | null>(null);

  // The wheel must not scroll the page: a non-passive listener, which React's onWheel is not.
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      void flow.zoomTo(wheelZoom(store.getState().transform[2], event.deltaY, event.deltaMode));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [flow, store]);

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    panFrom.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const from = panFrom.current;
    if (!from) return;
    panFrom.current = { x: event.clientX, y: event.clientY };
    const [x, y, zoom] = store.getState().transform;
    const scale = panScale(drawn.current, zoom);
    void flow.setViewport({ x: x - (event.clientX - from.x) * scale, y: y - (event.clientY - from.y) * scale, zoom });
  };
  const endPan = () => {
    panFrom.current = null;
  };

  const { box } = frame;
  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="rf__minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={ariaLabel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endPan}
        onPointerCancel={endPan}
      >
        {paths.map(({ key, className, d }) => (
          <path key={key} className={className} d={d} />
        ))}
        <path className="react-flow__minimap-mask" d={maskPath(frame, shown)} fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
}
