/**
 * The component specs the canvas's nodes draw their ports from, handed down by the canvas in one
 * context value so a node costs no query observer of its own: at 1,000+ nodes, a TanStack query
 * subscription per node was a large part of opening a pipeline. A node whose spec is not among
 * them once the list has loaded asks for it itself (see ComponentNode).
 */
import { createContext, useContext } from 'react';
import type { ComponentSummary } from '../../api/models';

export interface NodeSpecs {
  /** "name@version" → spec. */
  specs: ReadonlyMap<string, ComponentSummary>;
  /** Whether the list of components has loaded (until then, a spec not in `specs` is loading). */
  listLoaded: boolean;
}

export const NodeSpecsContext = createContext<NodeSpecs>({ specs: new Map(), listLoaded: false });

export function useNodeSpecs(): NodeSpecs {
  return useContext(NodeSpecsContext);
}
