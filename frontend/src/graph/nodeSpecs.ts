/**
 * The component specs a flow's nodes draw their ports from, handed down by the flow in one
 * context value so a node costs no query observer of its own: at 1,000+ nodes, TanStack query
 * subscriptions per node were a large part of opening a pipeline, a run or a version. A node
 * whose spec is not among them once the list has loaded, or whose flow hands none down, asks
 * for it itself.
 */
import { createContext, useContext, useMemo } from 'react';
import { useComponents, useComponentSpecs } from '../api/components';
import type { ComponentSummary, PipelineGraph } from '../api/models';

export interface NodeSpecs {
  /** "name@version" → spec. */
  specs: ReadonlyMap<string, ComponentSummary>;
  /** Whether the list of components has loaded (until then, a spec not in `specs` is loading). */
  listLoaded: boolean;
}

/** null: the flow hands no specs down. */
export const NodeSpecsContext = createContext<NodeSpecs | null>(null);

/**
 * A node's spec as its flow hands it down; `lookup` when the node must ask the registry itself
 * (its flow hands none down, or the list has loaded without it).
 */
export function useHandedSpec(ref: string): { spec: ComponentSummary | undefined; lookup: boolean } {
  const handed = useContext(NodeSpecsContext);
  if (!handed) return { spec: undefined, lookup: true };
  const spec = handed.specs.get(ref);
  return { spec, lookup: !spec && handed.listLoaded };
}

/** What a flow showing these graphs hands down: the specs of every component they use. */
export function useFlowSpecs(graphs: readonly PipelineGraph[]): NodeSpecs {
  const refs = useMemo(() => graphs.flatMap((graph) => graph.nodes.map((node) => node.component)), [graphs]);
  const specs = useComponentSpecs(refs);
  const listLoaded = Boolean(useComponents().data);
  return useMemo(() => ({ specs, listLoaded }), [specs, listLoaded]);
}
