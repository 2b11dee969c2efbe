/**
 * Keeps the chosen node visible on a React Flow canvas: when a node is chosen, and whenever the
 * canvas changes size (a node panel opening beside it), the view pans — zoom unchanged — to
 * centre the node if it is hidden under the minimap or the controls, or out of the canvas.
 * Render inside <ReactFlow>.
 */
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';

const COVERING = ['.react-flow__minimap', '.react-flow__controls'];

function intersects(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(inner: DOMRect, outer: DOMRect): boolean {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

/** Whether the node's box is hidden, partly or wholly, on the canvas `root`. */
export function nodeHidden(root: HTMLElement, nodeId: string): boolean {
  const node = root.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
  if (!node) return false;
  const box = node.getBoundingClientRect();
  if (!inside(box, root.getBoundingClientRect())) return true;
  return COVERING.some((selector) => {
    const cover = root.querySelector(selector);
    return cover ? intersects(box, cover.getBoundingClientRect()) : false;
  });
}

interface KeepNodeInViewProps {
  nodeId: string | null;
  /** Changes when the same node is chosen again, to check once more. */
  request?: number;
}

export function KeepNodeInView({ nodeId, request }: KeepNodeInViewProps) {
  const root = useStore((s) => s.domNode);
  const { getInternalNode, getZoom, setCenter } = useReactFlow();

  useEffect(() => {
    if (!root || !nodeId) return undefined;
    let frame = 0;
    const check = () => {
      cancelAnimationFrame(frame);
      // After the browser has laid the resized canvas out.
      frame = requestAnimationFrame(() => {
        const internal = getInternalNode(nodeId);
        if (!internal || !nodeHidden(root, nodeId)) return;
        const { x, y } = internal.internals.positionAbsolute;
        const width = internal.measured.width ?? 0;
        const height = internal.measured.height ?? 0;
        void setCenter(x + width / 2, y + height / 2, { zoom: getZoom(), duration: 200 });
      });
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(root);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [root, nodeId, request, getInternalNode, getZoom, setCenter]);

  return null;
}
