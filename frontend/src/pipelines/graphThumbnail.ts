/**
 * A small picture of a pipeline graph: one box per node at its canvas position and a line per
 * edge, scaled into a view box. Pure; the gallery draws it as SVG.
 */
import type { PipelineGraph } from '../api/models';

/** A node's size on the canvas, about: enough for the picture to keep its proportions. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 60;
const MARGIN = 30;

export interface ThumbnailBox {
  id: string;
  x: number;
  y: number;
}

export interface ThumbnailLine {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Thumbnail {
  viewBox: string;
  boxes: ThumbnailBox[];
  lines: ThumbnailLine[];
}

/** Where a line joins two boxes: right edge to left edge when the target lies to the right of
 * the source, else (a graph laid out top to bottom) bottom edge to top edge. */
function anchors(source: ThumbnailBox, target: ThumbnailBox): Omit<ThumbnailLine, 'key'> {
  if (target.x >= source.x + NODE_WIDTH) {
    return { x1: source.x + NODE_WIDTH, y1: source.y + NODE_HEIGHT / 2, x2: target.x, y2: target.y + NODE_HEIGHT / 2 };
  }
  const downward = target.y >= source.y;
  return {
    x1: source.x + NODE_WIDTH / 2,
    y1: downward ? source.y + NODE_HEIGHT : source.y,
    x2: target.x + NODE_WIDTH / 2,
    y2: downward ? target.y : target.y + NODE_HEIGHT,
  };
}

/** Boxes at the nodes' positions (a node without one at the origin), a line per edge between
 * the facing edges of its boxes, and the view box around all of them. */
export function graphThumbnail(graph: PipelineGraph): Thumbnail {
  const boxes = graph.nodes.map((node) => ({ id: node.id, x: node.position?.x ?? 0, y: node.position?.y ?? 0 }));
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const lines: ThumbnailLine[] = [];
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    lines.push({ key: `${edge.source}.${edge.source_port}-${edge.target}.${edge.target_port}`, ...anchors(source, target) });
  }
  if (boxes.length === 0) return { viewBox: `0 0 ${NODE_WIDTH} ${NODE_HEIGHT}`, boxes, lines };
  const left = Math.min(...boxes.map((box) => box.x)) - MARGIN;
  const top = Math.min(...boxes.map((box) => box.y)) - MARGIN;
  const right = Math.max(...boxes.map((box) => box.x)) + NODE_WIDTH + MARGIN;
  const bottom = Math.max(...boxes.map((box) => box.y)) + NODE_HEIGHT + MARGIN;
  return { viewBox: `${left} ${top} ${right - left} ${bottom - top}`, boxes, lines };
}
