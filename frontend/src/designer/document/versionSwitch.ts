/**
 * Switching a node to another version of its component. Pure.
 *
 * The new version may have other ports and parameters. What no longer fits is removed, and each
 * removal is reported in a sentence so the user knows what the switch changed:
 * edges whose port is gone or now has another type, and parameter values the new spec does not
 * take. Values the new spec still takes are kept as they are (the server validates them).
 */
import { parseComponentRef } from '../../api/components';
import type { ComponentSummary, GraphEdge, PipelineGraph } from '../../api/models';
import { edgeId } from '../../graph/flowMapping';
import { paramsOf } from '../../graph/nodeFields';

type Ports = Pick<ComponentSummary, 'inputs' | 'outputs' | 'parameters'>;

/** The type of a port of another node (undefined when unknown: such edges are kept). */
export type PortTypeLookup = (nodeId: string, side: 'in' | 'out', port: string) => string | undefined;

export interface VersionSwitch {
  graph: PipelineGraph;
  /** One sentence per change: edges first, then parameters. */
  changes: string[];
}

/** Why an edge touching the switched node no longer fits, or null when it still does. */
function edgeProblem(
  edge: GraphEdge,
  nodeId: string,
  version: string,
  spec: Ports,
  portType: PortTypeLookup,
): string | null {
  const incoming = edge.target === nodeId;
  const port = incoming ? edge.target_port : edge.source_port;
  const ours = incoming ? spec.inputs[port] : spec.outputs[port];
  if (!ours) return `${version} has no ${incoming ? 'input' : 'output'} "${port}"`;
  const theirs = incoming ? portType(edge.source, 'out', edge.source_port) : portType(edge.target, 'in', edge.target_port);
  if (theirs && theirs !== ours.type) {
    return `"${port}" is now ${ours.type}, the other end is ${theirs}`;
  }
  return null;
}

export function switchVersion(
  graph: PipelineGraph,
  nodeId: string,
  version: string,
  spec: Ports,
  portType: PortTypeLookup,
): VersionSwitch {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return { graph, changes: [] };
  const component = `${parseComponentRef(node.component).name}@${version}`;
  if (component === node.component) return { graph, changes: [] };

  const changes: string[] = [];
  const edges = graph.edges.filter((edge) => {
    if (edge.target !== nodeId && edge.source !== nodeId) return true;
    const problem = edgeProblem(edge, nodeId, version, spec, portType);
    if (problem) changes.push(`Removed connection ${edgeId(edge)}: ${problem}`);
    return problem === null;
  });

  const params = { ...node.params };
  for (const key of Object.keys(paramsOf(node))) {
    if (!spec.parameters[key]) {
      delete params[key];
      changes.push(`Dropped parameter "${key}": ${version} does not take it`);
    }
  }

  const nodes = graph.nodes.map((candidate) => (candidate.id === nodeId ? { ...node, component, params } : candidate));
  return { graph: { nodes, edges }, changes };
}
