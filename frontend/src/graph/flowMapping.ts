/**
 * Pure mapping from the pipeline graph document to React Flow nodes and edges.
 *
 * The document knows nothing of React Flow; React Flow's view-only state (selection, measured
 * size) comes in as a separate argument. When a previous result is given, every node or edge whose
 * inputs did not change is returned as the very same object, so React Flow (which compares by
 * identity) re-renders only what changed — one moved node, not the whole graph.
 *
 * A frame of a drag must stay cheap at 1,000+ nodes: a flow node remembers the document node it
 * was made from, so an untouched document node (the same object, as the pure edits keep it) costs
 * one identity check and a look at its view state, and the edge mapper does nothing at all while
 * the edges are the same array.
 */
import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode, PipelineGraph } from '../api/models';
import { commentOf, positionOf, sourceOf } from './nodeFields';

/** What a run node gets: only the component ref; it subscribes to anything else itself. */
export type PipelineNodeData = { component: string };
/** What a designer node gets: the document fields it draws (comment, bypass, what a source reads). */
export type DesignerNodeData = PipelineNodeData & { comment: string; disabled: boolean; source: string };
export type DesignerFlowNode = Node<DesignerNodeData, 'component'>;
/** Run nodes also carry the port names their edges use, to draw handles if the spec is missing. */
export type RunNodeData = PipelineNodeData & { inputs: string[]; outputs: string[] };
export type RunFlowNode = Node<RunNodeData, 'run'>;

export interface Size {
  width: number;
  height: number;
}

/** React Flow's view state, kept apart from the document. */
export interface FlowView {
  selectedNodes: Readonly<Record<string, boolean>>;
  selectedEdges: Readonly<Record<string, boolean>>;
  measured: Readonly<Record<string, Size>>;
}

export const EMPTY_VIEW: FlowView = { selectedNodes: {}, selectedEdges: {}, measured: {} };

export function edgeId(edge: GraphEdge): string {
  return `${edge.source}.${edge.source_port}->${edge.target}.${edge.target_port}`;
}

/** The document node each flow node was made from (or last found equal to). */
const madeFrom = new WeakMap<DesignerFlowNode, GraphNode>();

function sameView(previous: DesignerFlowNode, selected: boolean, measured: Size | undefined): boolean {
  return (
    Boolean(previous.selected) === selected &&
    previous.measured?.width === measured?.width &&
    previous.measured?.height === measured?.height
  );
}

function sameFields(previous: DesignerFlowNode, node: GraphNode): boolean {
  return (
    previous.data.component === node.component &&
    previous.data.comment === commentOf(node) &&
    previous.data.disabled === Boolean(node.disabled) &&
    previous.data.source === sourceOf(node) &&
    previous.position.x === positionOf(node).x &&
    previous.position.y === positionOf(node).y
  );
}

function reusable(previous: DesignerFlowNode, node: GraphNode, selected: boolean, measured: Size | undefined): boolean {
  if (!sameView(previous, selected, measured)) return false;
  if (madeFrom.get(previous) === node) return true;
  if (!sameFields(previous, node)) return false;
  madeFrom.set(previous, node);
  return true;
}

export function toFlowNode(node: GraphNode, view: FlowView): DesignerFlowNode {
  const measured = view.measured[node.id];
  const flowNode: DesignerFlowNode = {
    id: node.id,
    type: 'component',
    position: { ...positionOf(node) },
    data: { component: node.component, comment: commentOf(node), disabled: Boolean(node.disabled), source: sourceOf(node) },
    selected: Boolean(view.selectedNodes[node.id]),
    ...(measured ? { measured: { width: measured.width, height: measured.height } } : {}),
  };
  madeFrom.set(flowNode, node);
  return flowNode;
}

export function toFlowNodes(
  graph: PipelineGraph,
  view: FlowView = EMPTY_VIEW,
  previous: readonly DesignerFlowNode[] = [],
): DesignerFlowNode[] {
  // Usually the order is unchanged: look at the same index first, build a map only if not.
  let before: Map<string, DesignerFlowNode> | null = null;
  const previousOf = (node: GraphNode, index: number) => {
    const same = previous[index];
    if (same?.id === node.id) return same;
    before ??= new Map(previous.map((candidate) => [candidate.id, candidate]));
    return before.get(node.id);
  };
  const next = graph.nodes.map((node, index) => {
    const old = previousOf(node, index);
    const selected = Boolean(view.selectedNodes[node.id]);
    if (old && reusable(old, node, selected, view.measured[node.id])) return old;
    return toFlowNode(node, view);
  });
  return unchanged(previous, next) ? (previous as DesignerFlowNode[]) : next;
}

function unchanged<T>(previous: readonly T[], next: readonly T[]): boolean {
  return previous.length === next.length && next.every((item, index) => item === previous[index]);
}

export function toFlowEdges(
  graph: { readonly edges: readonly GraphEdge[] },
  selectedEdges: Readonly<Record<string, boolean>> = {},
  previous: readonly Edge[] = [],
): Edge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  const next = graph.edges.map((edge): Edge => {
    const id = edgeId(edge);
    const selected = Boolean(selectedEdges[id]);
    const old = before.get(id);
    if (old && Boolean(old.selected) === selected) return old;
    return {
      id,
      source: edge.source,
      sourceHandle: edge.source_port,
      target: edge.target,
      targetHandle: edge.target_port,
      selected,
    };
  });
  return unchanged(previous, next) ? (previous as Edge[]) : next;
}

/**
 * Read-only nodes of a run's frozen graph: nothing to drag or connect. The ports each node's
 * edges use are gathered in one pass over the edges, so a big graph costs O(nodes + edges).
 */
export function toRunFlowNodes(graph: PipelineGraph): RunFlowNode[] {
  const inputs = new Map<string, Set<string>>();
  const outputs = new Map<string, Set<string>>();
  const add = (ports: Map<string, Set<string>>, nodeId: string, port: string) => {
    const names = ports.get(nodeId);
    if (names) names.add(port);
    else ports.set(nodeId, new Set([port]));
  };
  for (const edge of graph.edges) {
    add(inputs, edge.target, edge.target_port);
    add(outputs, edge.source, edge.source_port);
  }
  const names = (ports: Map<string, Set<string>>, nodeId: string) => [...(ports.get(nodeId) ?? [])];
  return graph.nodes.map((node) => ({
    id: node.id,
    type: 'run',
    position: { ...positionOf(node) },
    data: { component: node.component, inputs: names(inputs, node.id), outputs: names(outputs, node.id) },
    draggable: false,
    connectable: false,
    deletable: false,
  }));
}

/** A factory whose mapper remembers its last result, for use from a component. */
export function createNodeMapper(): (graph: PipelineGraph, view: FlowView) => DesignerFlowNode[] {
  let last: DesignerFlowNode[] = [];
  return (graph, view) => {
    last = toFlowNodes(graph, view, last);
    return last;
  };
}

/** Like createNodeMapper; given the very same edges and selection as last time, it returns at once. */
export function createEdgeMapper(): (edges: readonly GraphEdge[], selected: Readonly<Record<string, boolean>>) => Edge[] {
  let last: Edge[] = [];
  let lastInputs: [readonly GraphEdge[], Readonly<Record<string, boolean>>] | null = null;
  return (edges, selected) => {
    if (lastInputs?.[0] === edges && lastInputs[1] === selected) return last;
    last = toFlowEdges({ edges }, selected, last);
    lastInputs = [edges, selected];
    return last;
  };
}
