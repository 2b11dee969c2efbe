/**
 * Copy and paste of part of a pipeline, as JSON text (what goes on the system clipboard and in
 * localStorage, so a copy in one pipeline pastes into another). Pure.
 *
 * A copy holds the chosen nodes, the edges between them, and the pipeline parameters their
 * fields are bound to. A paste gives every node a fresh id, keeps the internal edges under the
 * new ids, moves the copies down and right until they cover no node (so they sit beside the
 * originals, and repeated pastes cascade), and adds the bound parameters the target pipeline lacks.
 */
import { parseComponentRef } from '../../api/components';
import type { GraphNode, PipelineGraph, PipelineParameters } from '../../api/models';
import { isBinding } from '../inspector/paramValues';
import { addSubgraph, normalizeGraph } from './graphEdits';
import { nextNodeId } from './nodeIds';
import type { ParamsDocument } from './pipelineParams';
import { positionOf, paramsOf } from '../../graph/nodeFields';

export const CLIPBOARD_KIND = 'pipewright/nodes';
export const PASTE_OFFSET = 40;

export interface ClipboardData {
  kind: typeof CLIPBOARD_KIND;
  nodes: GraphNode[];
  edges: PipelineGraph['edges'];
  parameters: PipelineParameters;
}

export function copyNodes(doc: ParamsDocument, ids: ReadonlySet<string>): ClipboardData | null {
  const nodes = doc.graph.nodes.filter((node) => ids.has(node.id));
  if (nodes.length === 0) return null;
  const edges = doc.graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  const parameters: PipelineParameters = {};
  for (const node of nodes) {
    for (const value of Object.values(paramsOf(node))) {
      const definition = isBinding(value) ? doc.parameters[value.$param] : undefined;
      if (isBinding(value) && definition) parameters[value.$param] = definition;
    }
  }
  return { kind: CLIPBOARD_KIND, nodes, edges, parameters };
}

export function serializeClipboard(data: ClipboardData): string {
  return JSON.stringify(data);
}

/** The clipboard content, if the text is a Pipewright copy; null for anything else. */
export function parseClipboard(text: string | null | undefined): ClipboardData | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || (raw as { kind?: unknown }).kind !== CLIPBOARD_KIND) return null;
  const graph = normalizeGraph(raw);
  if (graph.nodes.length === 0) return null;
  const parameters = (raw as { parameters?: unknown }).parameters;
  return {
    kind: CLIPBOARD_KIND,
    ...graph,
    parameters: typeof parameters === 'object' && parameters !== null ? (parameters as PipelineParameters) : {},
  };
}

/** The size a node is taken to have when its drawn size is not known. */
export const DEFAULT_NODE_SIZE: Size = { width: 240, height: 110 };
const GAP = 12;
const MAX_STEPS = 60;

export interface Size {
  width: number;
  height: number;
}

export type SizeOf = (nodeId: string) => Size | undefined;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOf(node: GraphNode, sizeOf: SizeOf): Box {
  return { ...positionOf(node), ...(sizeOf(node.id) ?? DEFAULT_NODE_SIZE) };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

/**
 * How far down and right the copies go: the first step of PASTE_OFFSET at which no copy covers
 * a node already there, so a paste lands beside its originals and the next paste beside that.
 */
function offsetFor(existing: readonly GraphNode[], pasted: readonly GraphNode[], sizeOf: SizeOf): number {
  const taken = existing.map((node) => boxOf(node, sizeOf));
  const copies = pasted.map((node) => boxOf(node, sizeOf));
  for (let step = 1; step <= MAX_STEPS; step += 1) {
    const offset = step * PASTE_OFFSET;
    const free = copies.every((copy) => taken.every((box) => !overlaps({ ...copy, x: copy.x + offset, y: copy.y + offset }, box)));
    if (free) return offset;
  }
  return PASTE_OFFSET;
}

export function pasteNodes<D extends ParamsDocument>(
  doc: D,
  data: ClipboardData,
  sizeOf: SizeOf = () => undefined,
): { doc: D; ids: string[] } {
  const taken = new Set(doc.graph.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  for (const node of data.nodes) {
    const id = nextNodeId(parseComponentRef(node.component).name, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  // A copy from another pipeline has no drawn size here; its own node sizes are guessed.
  const offset = offsetFor(doc.graph.nodes, data.nodes, sizeOf);
  const nodes = data.nodes.map((node) => ({
    ...node,
    id: renamed.get(node.id) as string,
    params: { ...node.params },
    position: { x: positionOf(node).x + offset, y: positionOf(node).y + offset },
  }));
  const edges = data.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    return source && target ? [{ ...edge, source, target }] : [];
  });
  const missing = Object.entries(data.parameters).filter(([name]) => !(name in doc.parameters));
  const parameters = missing.length > 0 ? { ...doc.parameters, ...Object.fromEntries(missing) } : doc.parameters;
  return { doc: { ...doc, parameters, graph: addSubgraph(doc.graph, { nodes, edges }) }, ids: nodes.map((n) => n.id) };
}
