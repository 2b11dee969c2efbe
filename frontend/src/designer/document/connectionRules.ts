/**
 * Which connections the canvas accepts, and a short sentence saying why one is refused.
 *
 * Mirrors the server's graph validation for what can be known while dragging: an output feeds an
 * input of the same port type, an input takes one edge, a node does not feed itself, no cycles.
 * Pure: the caller supplies the graph and a lookup of each node's ports.
 */
import type { PipelineGraph, PortSpec } from '../../api/models';

export interface NodePorts {
  inputs: Readonly<Record<string, PortSpec>>;
  outputs: Readonly<Record<string, PortSpec>>;
}

export type PortLookup = (nodeId: string) => NodePorts | undefined;

export interface ProposedConnection {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): ConnectionCheck => ({ ok: false, reason });

/** True when `to` can already be reached from `from` by following edges downstream. */
export function reaches(graph: PipelineGraph, from: string, to: string): boolean {
  const downstream = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = downstream.get(edge.source) ?? [];
    list.push(edge.target);
    downstream.set(edge.source, list);
  }
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(downstream.get(current) ?? []));
  }
  return false;
}

export function checkConnection(
  connection: ProposedConnection,
  graph: PipelineGraph,
  portsOf: PortLookup,
): ConnectionCheck {
  const { source, sourceHandle, target, targetHandle } = connection;
  if (!source || !target || !sourceHandle || !targetHandle) return refuse('Connect an output port to an input port');
  if (source === target) return refuse('A node cannot feed itself');

  const sourcePorts = portsOf(source);
  const targetPorts = portsOf(target);
  if (!sourcePorts || !targetPorts) return refuse('Component details are still loading');
  const output = sourcePorts.outputs[sourceHandle];
  const input = targetPorts.inputs[targetHandle];
  if (!output) return refuse(`${source} has no output "${sourceHandle}"`);
  if (!input) return refuse(`${target} has no input "${targetHandle}"`);
  if (output.type !== input.type) return refuse(`Cannot connect ${output.type} to ${input.type}`);

  if (graph.edges.some((edge) => edge.target === target && edge.target_port === targetHandle)) {
    return refuse(`Input "${targetHandle}" of ${target} is already connected`);
  }
  if (reaches(graph, target, source)) return refuse('That connection would create a cycle');
  return { ok: true };
}
