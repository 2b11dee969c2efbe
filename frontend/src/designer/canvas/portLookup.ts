/**
 * The ports of each node of a graph, from the component specs loaded so far. Pure.
 */
import type { ComponentSummary, PipelineGraph } from '../../api/models';
import type { NodePorts, PortLookup } from '../document/connectionRules';

export function portLookup(graph: PipelineGraph, specs: ReadonlyMap<string, ComponentSummary>): PortLookup {
  let components: Map<string, string> | null = null;
  return (nodeId): NodePorts | undefined => {
    components ??= new Map(graph.nodes.map((node) => [node.id, node.component]));
    const ref = components.get(nodeId);
    return ref ? specs.get(ref) : undefined;
  };
}
