/**
 * Pure edits of the pipeline graph document (the JSON of DESIGN.md "Pipeline graph").
 *
 * Every function returns a new graph and leaves untouched nodes and edges as the same objects, so
 * the canvas mapping can reuse what did not change. No React, no store, no API here.
 */
import { parseComponentRef } from '../../api/components';
import type { GraphEdge, GraphNode, JsonValue, PipelineGraph } from '../../api/models';
import { edgeId } from '../../graph/flowMapping';
import { nextNodeId } from './nodeIds';
import { paramsOf, positionOf } from '../../graph/nodeFields';

export interface XY {
  x: number;
  y: number;
}

export const EMPTY_GRAPH: PipelineGraph = { nodes: [], edges: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalizeNode(raw: unknown, index: number): GraphNode | null {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.component !== 'string') return null;
  const position = isRecord(raw.position) ? raw.position : {};
  const node: GraphNode = {
    id: raw.id,
    component: raw.component,
    params: isRecord(raw.params) ? (raw.params as Record<string, JsonValue>) : {},
    compute: typeof raw.compute === 'string' ? raw.compute : null,
    reuse: raw.reuse !== false,
    comment: typeof raw.comment === 'string' ? raw.comment : '',
    position: {
      x: typeof position.x === 'number' ? position.x : index * 40,
      y: typeof position.y === 'number' ? position.y : index * 40,
    },
  };
  if (raw.disabled === true) node.disabled = true;
  return node;
}

function normalizeEdge(raw: unknown): GraphEdge | null {
  if (!isRecord(raw)) return null;
  const { source, source_port, target, target_port } = raw;
  if (typeof source !== 'string' || typeof target !== 'string') return null;
  if (typeof source_port !== 'string' || typeof target_port !== 'string') return null;
  return { source, source_port, target, target_port };
}

/** Whatever the server stored, a graph the editor can work with (missing fields get defaults). */
export function normalizeGraph(raw: unknown): PipelineGraph {
  if (!isRecord(raw)) return EMPTY_GRAPH;
  const nodes = Array.isArray(raw.nodes) ? raw.nodes.map(normalizeNode) : [];
  const edges = Array.isArray(raw.edges) ? raw.edges.map(normalizeEdge) : [];
  return {
    nodes: nodes.filter((node): node is GraphNode => node !== null),
    edges: edges.filter((edge): edge is GraphEdge => edge !== null),
  };
}

/** Adds a node of `component`; `params` pre-fills its parameters (a dataset from the palette). */
export function addNode(
  graph: PipelineGraph,
  component: string,
  position: XY,
  params: Readonly<Record<string, JsonValue>> = {},
): { graph: PipelineGraph; id: string } {
  const id = nextNodeId(parseComponentRef(component).name, new Set(graph.nodes.map((node) => node.id)));
  const node: GraphNode = {
    id,
    component,
    params: { ...params },
    compute: null,
    reuse: true,
    comment: '',
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

export function moveNodes(graph: PipelineGraph, moves: ReadonlyMap<string, XY>): PipelineGraph {
  if (moves.size === 0) return graph;
  let moved = false;
  const nodes = graph.nodes.map((node) => {
    const to = moves.get(node.id);
    if (!to || (to.x === positionOf(node).x && to.y === positionOf(node).y)) return node;
    moved = true;
    return { ...node, position: { x: to.x, y: to.y } };
  });
  return moved ? { ...graph, nodes } : graph;
}

/** Removes the nodes and every edge touching them. */
export function removeNodes(graph: PipelineGraph, ids: ReadonlySet<string>): PipelineGraph {
  if (!graph.nodes.some((node) => ids.has(node.id))) return graph;
  return {
    nodes: graph.nodes.filter((node) => !ids.has(node.id)),
    edges: graph.edges.filter((edge) => !ids.has(edge.source) && !ids.has(edge.target)),
  };
}

/** One deletion of nodes (with their edges) and edges, as the Delete key makes it. */
export function removeElements(
  graph: PipelineGraph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): PipelineGraph {
  return removeEdges(removeNodes(graph, nodeIds), edgeIds);
}

/** Adds ready-made nodes and edges (a paste); their ids must be free already. */
export function addSubgraph(graph: PipelineGraph, part: PipelineGraph): PipelineGraph {
  if (part.nodes.length === 0) return graph;
  return { nodes: [...graph.nodes, ...part.nodes], edges: [...graph.edges, ...part.edges] };
}

export function removeEdges(graph: PipelineGraph, ids: ReadonlySet<string>): PipelineGraph {
  const edges = graph.edges.filter((edge) => !ids.has(edgeId(edge)));
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}

/** Adds an edge unless the very same one exists. Port-type rules are checked before, by the canvas. */
export function connect(graph: PipelineGraph, edge: GraphEdge): PipelineGraph {
  const id = edgeId(edge);
  if (graph.edges.some((existing) => edgeId(existing) === id)) return graph;
  return { ...graph, edges: [...graph.edges, { ...edge }] };
}

/** Replaces one node; an update returning the node itself changes nothing. */
export function updateNode(graph: PipelineGraph, nodeId: string, update: (node: GraphNode) => GraphNode): PipelineGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    const next = update(node);
    changed = next !== node;
    return next;
  });
  return changed ? { ...graph, nodes } : graph;
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Sets one parameter value; `undefined` removes the key so the component default applies. */
export function setParam(graph: PipelineGraph, nodeId: string, name: string, value: JsonValue | undefined): PipelineGraph {
  return updateNode(graph, nodeId, (node) => {
    if (sameJson(paramsOf(node)[name], value)) return node;
    const params = { ...node.params };
    if (value === undefined) delete params[name];
    else params[name] = value;
    return { ...node, params };
  });
}

export type NodeSettings = Partial<Pick<GraphNode, 'comment' | 'compute' | 'reuse' | 'disabled' | 'timeout' | 'max_retries'>>;

export function setNodeSettings(graph: PipelineGraph, nodeId: string, settings: NodeSettings): PipelineGraph {
  return updateNode(graph, nodeId, (node) => {
    const same = (Object.keys(settings) as (keyof NodeSettings)[]).every(
      (key) => (key === 'disabled' ? Boolean(node.disabled) === Boolean(settings.disabled) : node[key] === settings[key]),
    );
    if (same) return node;
    const next = { ...node, ...settings };
    // Bypass is stored only when on, and a timeout or retry limit only when the node sets its
    // own, so graphs without them stay as they were.
    if (!next.disabled) delete next.disabled;
    if (next.timeout === null) delete next.timeout;
    if (next.max_retries === null) delete next.max_retries;
    return next;
  });
}

/** Bypasses the nodes, or brings them back when all of them are bypassed already. */
export function toggleDisabled(graph: PipelineGraph, ids: ReadonlySet<string>): PipelineGraph {
  const chosen = graph.nodes.filter((node) => ids.has(node.id));
  if (chosen.length === 0) return graph;
  const disable = !chosen.every((node) => node.disabled);
  return chosen.reduce((next, node) => setNodeSettings(next, node.id, { disabled: disable }), graph);
}
