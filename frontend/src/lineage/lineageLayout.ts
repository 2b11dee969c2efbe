/**
 * Where each node of a lineage graph goes: in columns by hops from the root (what produced it to
 * the left, what used it to the right), each column ordered to keep edges short, centred on the
 * root's row. Pure.
 */
import type { Lineage, LineageNode } from '../api/lineage';

export const LINEAGE_NODE_WIDTH = 200;
export const LINEAGE_NODE_HEIGHT = 64;
const COLUMN_GAP = 90;
const ROW_GAP = 28;

export interface PlacedNode {
  node: LineageNode;
  /** Hops from the root: negative upstream, positive downstream. */
  layer: number;
  x: number;
  y: number;
}

/**
 * Each node's column: its hops from the root, walking edges either way (forward is one column to
 * the right, backward one to the left), then moved where an edge would otherwise point left.
 */
export function lineageLayers(lineage: Lineage): Map<string, number> {
  const layers = new Map<string, number>([[lineage.root, 0]]);
  const queue = [lineage.root];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const layer = layers.get(current)!;
    for (const edge of lineage.edges) {
      const next = edge.source === current ? edge.target : edge.target === current ? edge.source : null;
      if (next === null || layers.has(next)) continue;
      layers.set(next, edge.source === current ? layer + 1 : layer - 1);
      queue.push(next);
    }
  }
  // Nodes not joined to the root (there should be none) stand in its column, below it.
  for (const node of lineage.nodes) if (!layers.has(node.id)) layers.set(node.id, 0);
  pushApart(lineage, layers);
  return layers;
}

/**
 * Moves nodes so that every edge points right: a run that read the root's dataset and also used
 * a model made from it goes right of that model. Downstream of the root a target moves right;
 * upstream (and at the root) a source moves left. Data flows forward in time, so this settles;
 * the pass count only bounds it should a graph ever hold a cycle.
 */
function pushApart(lineage: Lineage, layers: Map<string, number>): void {
  for (let pass = 0; pass < lineage.nodes.length; pass += 1) {
    let moved = false;
    for (const { source, target } of lineage.edges) {
      const from = layers.get(source);
      const to = layers.get(target);
      if (from === undefined || to === undefined || to > from) continue;
      if (target !== lineage.root && to > 0) layers.set(target, from + 1);
      else if (source !== lineage.root) layers.set(source, to - 1);
      else continue;
      moved = true;
    }
    if (!moved) return;
  }
}

function mean(values: number[]): number {
  return values.length === 0 ? Number.POSITIVE_INFINITY : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Column by column away from the root, each node sorted by where its neighbours nearer the root sit. */
function orderColumns(lineage: Lineage, layers: Map<string, number>): Map<number, LineageNode[]> {
  const columns = new Map<number, LineageNode[]>();
  for (const node of lineage.nodes) {
    const layer = layers.get(node.id)!;
    columns.set(layer, [...(columns.get(layer) ?? []), node]);
  }
  const rowOf = new Map<string, number>();
  const order = [...columns.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  for (const layer of order) {
    const inward = layer === 0 ? 0 : layer - Math.sign(layer);
    const neighbourRows = (id: string) =>
      lineage.edges
        .flatMap((edge) => (edge.source === id ? [edge.target] : edge.target === id ? [edge.source] : []))
        .filter((other) => layers.get(other) === inward && rowOf.has(other))
        .map((other) => rowOf.get(other)!);
    const sorted = columns
      .get(layer)!
      .map((node) => ({ node, key: node.id === lineage.root ? -1 : mean(neighbourRows(node.id)) }))
      .sort((a, b) => a.key - b.key || a.node.label.localeCompare(b.node.label))
      .map((entry) => entry.node);
    sorted.forEach((node, row) => rowOf.set(node.id, row));
    columns.set(layer, sorted);
  }
  return columns;
}

export function layoutLineage(lineage: Lineage): PlacedNode[] {
  const layers = lineageLayers(lineage);
  const columns = orderColumns(lineage, layers);
  const stepX = LINEAGE_NODE_WIDTH + COLUMN_GAP;
  const stepY = LINEAGE_NODE_HEIGHT + ROW_GAP;
  const placed: PlacedNode[] = [];
  for (const [layer, nodes] of columns) {
    nodes.forEach((node, row) => {
      placed.push({ node, layer, x: layer * stepX, y: (row - (nodes.length - 1) / 2) * stepY });
    });
  }
  return placed;
}
