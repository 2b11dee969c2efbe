/**
 * The draft's graph with what changed since a run marked on it, for React Flow: every draft node
 * (added, changed or the same), the nodes the run had and the draft dropped (at the run's
 * positions), the draft's edges and the dropped ones. Pure.
 */
import type { Edge, Node } from '@xyflow/react';
import { edgeId } from '../../graph/flowMapping';
import type { GraphEdge, JsonValue, PipelineGraph } from '../../api/models';
import type { DraftDiff, NodeChange, ValueChange } from '../../api/runPickUp';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffNodeData extends Record<string, unknown> {
  nodeId: string;
  component: string;
  kind: ChangeKind;
  /** What changed in a changed node, one line each ("fraction: 0.7 → 0.8"). */
  notes: string[];
}

export type DiffFlowNode = Node<DiffNodeData, 'diff'>;

const EDGE_COLOURS: Record<Exclude<ChangeKind, 'changed'>, string> = {
  added: '#2e9d4c',
  removed: '#d32f2f',
  same: '#9aa5b1',
};

/** A value as the lists show it: JSON, and "(unset)" for none. */
export function valueText(value: JsonValue | null | undefined): string {
  return value === null || value === undefined ? '(unset)' : JSON.stringify(value);
}

export function changeLine(change: ValueChange): string {
  return `${change.name}: ${valueText(change.before)} → ${valueText(change.now)}`;
}

export function nodeNotes(change: NodeChange): string[] {
  const component = change.component ? [`component: ${change.component.before} → ${change.component.now}`] : [];
  return [...component, ...change.params.map(changeLine), ...change.settings.map(changeLine)];
}

export function edgeText(edge: GraphEdge): string {
  return `${edge.source}.${edge.source_port} → ${edge.target}.${edge.target_port}`;
}

/** How many differences the lists show: nodes, edges and pipeline parameters. */
export function differenceCount(diff: DraftDiff): number {
  return (
    diff.added.length +
    diff.removed.length +
    diff.changed.length +
    diff.edges_added.length +
    diff.edges_removed.length +
    diff.parameters.length
  );
}

function flowNode(node: PipelineGraph['nodes'][number], kind: ChangeKind, notes: string[]): DiffFlowNode {
  return {
    id: node.id,
    type: 'diff',
    position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
    data: { nodeId: node.id, component: node.component, kind, notes },
    draggable: false,
    connectable: false,
  };
}

function flowEdge(edge: GraphEdge, kind: Exclude<ChangeKind, 'changed'>): Edge {
  return {
    id: `${kind}:${edgeId(edge)}`,
    source: edge.source,
    target: edge.target,
    className: `diff-edge-${kind}`,
    style: { stroke: EDGE_COLOURS[kind], strokeWidth: kind === 'same' ? 1.5 : 2.5, strokeDasharray: kind === 'removed' ? '6 4' : undefined },
    deletable: false,
    data: { kind },
  };
}

export function draftDiffFlow(runGraph: PipelineGraph, diff: DraftDiff): { nodes: DiffFlowNode[]; edges: Edge[] } {
  const added = new Set(diff.added);
  const changed = new Map(diff.changed.map((change) => [change.node, change]));
  const removed = new Set(diff.removed);
  const draftNodes = diff.graph.nodes.map((node) => {
    const change = changed.get(node.id);
    if (added.has(node.id)) return flowNode(node, 'added', []);
    return change ? flowNode(node, 'changed', nodeNotes(change)) : flowNode(node, 'same', []);
  });
  const droppedNodes = runGraph.nodes.filter((node) => removed.has(node.id)).map((node) => flowNode(node, 'removed', []));
  const newEdges = new Set(diff.edges_added.map(edgeId));
  const edges = [
    ...diff.graph.edges.map((edge) => flowEdge(edge, newEdges.has(edgeId(edge)) ? 'added' : 'same')),
    ...diff.edges_removed.map((edge) => flowEdge(edge, 'removed')),
  ];
  return { nodes: [...draftNodes, ...droppedNodes], edges };
}
