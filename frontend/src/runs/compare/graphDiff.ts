/**
 * What differs between two frozen pipeline graphs: nodes only in one, nodes whose component or
 * parameters changed, edges added or removed. Pure; positions and comments are not differences.
 */
import { edgeId } from '../../graph/flowMapping';
import type { GraphEdge, GraphNode, JsonValue, PipelineGraph } from '../../api/models';

export interface ValueChange {
  name: string;
  before: JsonValue | undefined;
  now: JsonValue | undefined;
}

export interface NodeChange {
  node: string;
  component: { before: string; now: string } | null;
  params: ValueChange[];
}

export interface GraphDiff {
  /** Nodes of the base graph missing from the other. */
  removed: string[];
  /** Nodes of the other graph missing from the base. */
  added: string[];
  changed: NodeChange[];
  edgesAdded: GraphEdge[];
  edgesRemoved: GraphEdge[];
}

/** JSON text with object keys sorted, so equal values always compare equal. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function paramChanges(before: GraphNode, now: GraphNode): ValueChange[] {
  const names = [...new Set([...Object.keys(before.params ?? {}), ...Object.keys(now.params ?? {})])].sort();
  return names
    .map((name) => ({ name, before: before.params?.[name], now: now.params?.[name] }))
    .filter((change) => !sameValue(change.before, change.now));
}

export function diffGraphs(base: PipelineGraph, other: PipelineGraph): GraphDiff {
  const baseNodes = new Map(base.nodes.map((node) => [node.id, node]));
  const otherNodes = new Map(other.nodes.map((node) => [node.id, node]));
  const changed: NodeChange[] = [];
  for (const node of base.nodes) {
    const now = otherNodes.get(node.id);
    if (!now) continue;
    const component = node.component === now.component ? null : { before: node.component, now: now.component };
    const params = paramChanges(node, now);
    if (component || params.length > 0) changed.push({ node: node.id, component, params });
  }
  const baseEdges = new Set(base.edges.map(edgeId));
  const otherEdges = new Set(other.edges.map(edgeId));
  return {
    removed: base.nodes.filter((node) => !otherNodes.has(node.id)).map((node) => node.id),
    added: other.nodes.filter((node) => !baseNodes.has(node.id)).map((node) => node.id),
    changed,
    edgesAdded: other.edges.filter((edge) => !baseEdges.has(edgeId(edge))),
    edgesRemoved: base.edges.filter((edge) => !otherEdges.has(edgeId(edge))),
  };
}

export function isSameGraph(diff: GraphDiff): boolean {
  return (
    diff.removed.length + diff.added.length + diff.changed.length + diff.edgesAdded.length + diff.edgesRemoved.length === 0
  );
}
