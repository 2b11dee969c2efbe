/**
 * What the minimap draws, computed without React: every node as a rectangle of one SVG path per
 * class (a thousand nodes are a handful of <path> elements, not a thousand <rect>s each watching
 * the flow's store), the box that frames them and the view, and the mask around the view.
 */
import type { Node } from '@xyflow/react';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The class every minimap node has, as React Flow's own minimap gives it (for its colours). */
export const NODE_CLASS = 'react-flow__minimap-node';

/** Where a node is and how big, once it has a size; nodes still unmeasured or hidden are not drawn. */
export function nodeRect(node: Node): Rect | null {
  if (node.hidden) return null;
  const width = node.measured?.width ?? node.width;
  const height = node.measured?.height ?? node.height;
  if (!width || !height) return null;
  return { x: node.position.x, y: node.position.y, width, height };
}

/** One closed sub-path per rectangle: `M x,y h w v h h -w z`. */
export function rectPath(rect: Rect): string {
  return `M${rect.x},${rect.y}h${rect.width}v${rect.height}h${-rect.width}z`;
}

// A node object that did not change (the canvas keeps it while another node moves) keeps its
// piece of path: a drag frame builds the path strings from cached pieces.
const pieces = new WeakMap<Node, string | null>();

function pieceOf(node: Node): string | null {
  let piece = pieces.get(node);
  if (piece === undefined) {
    const rect = nodeRect(node);
    piece = rect ? rectPath(rect) : null;
    pieces.set(node, piece);
  }
  return piece;
}

/**
 * Nodes per path: a changed node re-sends one path of this many rectangles to the browser (which
 * parses and paints it again), not the whole map; React leaves a path whose `d` is the same alone.
 */
export const NODES_PER_PATH = 64;

/**
 * The minimap's node paths: per class (`NODE_CLASS` plus the node's own and `selected`), one path
 * per NODES_PER_PATH nodes, keyed by class and index.
 */
export function nodePaths<N extends Node>(
  nodes: readonly N[],
  classOf?: (node: N) => string,
): { key: string; className: string; d: string }[] {
  const byClass = new Map<string, string[]>();
  for (const node of nodes) {
    const piece = pieceOf(node);
    if (piece === null) continue;
    const className = [NODE_CLASS, classOf?.(node) ?? '', node.selected ? 'selected' : ''].filter(Boolean).join(' ');
    const list = byClass.get(className);
    if (list) list.push(piece);
    else byClass.set(className, [piece]);
  }
  const paths: { key: string; className: string; d: string }[] = [];
  for (const [className, list] of byClass) {
    for (let start = 0; start < list.length; start += NODES_PER_PATH) {
      const d = list.slice(start, start + NODES_PER_PATH).join('');
      paths.push({ key: `${className}#${start / NODES_PER_PATH}`, className, d });
    }
  }
  return paths;
}

/** The box around every drawn node, or null when none has a size yet. */
export function nodesBounds(nodes: readonly Node[]): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const rect = nodeRect(node);
    if (!rect) continue;
    minX = Math.min(minX, rect.x);
    minY = Math.min(minY, rect.y);
    maxX = Math.max(maxX, rect.x + rect.width);
    maxY = Math.max(maxY, rect.y + rect.height);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** The part of the flow the canvas shows, in flow coordinates. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

export interface MiniMapFrame {
  /** The SVG's viewBox, in flow coordinates. */
  box: Rect;
  /** Flow units per minimap pixel. */
  scale: number;
  /** The margin around the content, in flow units. */
  offset: number;
}

/**
 * Frames `content` (the nodes and the view) in an element of the given size, centred, keeping
 * its proportions, with a margin of `margin` minimap pixels, as React Flow's minimap does.
 */
export function miniMapFrame(content: Rect, elementWidth: number, elementHeight: number, margin = 5): MiniMapFrame {
  const scale = Math.max(content.width / elementWidth, content.height / elementHeight) || 1;
  const width = scale * elementWidth;
  const height = scale * elementHeight;
  const offset = margin * scale;
  return {
    box: {
      x: content.x - (width - content.width) / 2 - offset,
      y: content.y - (height - content.height) / 2 - offset,
      width: width + offset * 2,
      height: height + offset * 2,
    },
    scale,
    offset,
  };
}

/** Shades all the frame except the view (even-odd fill: the view's rectangle is a hole). */
export function maskPath(frame: MiniMapFrame, view: Rect): string {
  const { box, offset } = frame;
  const outer = { x: box.x - offset, y: box.y - offset, width: box.width + offset * 2, height: box.height + offset * 2 };
  return `${rectPath(outer)}${rectPath(view)}`;
}

/** How far the flow moves for a pointer move of one minimap pixel (React Flow's minimap rule). */
export function panScale(frame: MiniMapFrame, zoom: number): number {
  return frame.scale * Math.max(zoom, Math.log(zoom));
}

/** The zoom a wheel turn over the minimap asks for. */
export function wheelZoom(zoom: number, deltaY: number, deltaMode: number): number {
  const perUnit = deltaMode === 1 ? 0.05 : deltaMode ? 1 : 0.002;
  return zoom * 2 ** (-deltaY * perUnit);
}
