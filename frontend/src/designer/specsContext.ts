/**
 * The component specs of the nodes in the document ("name@version" → spec), loaded once by the
 * designer page and shared with whatever needs ports of other nodes (inspector, layout, find).
 */
import { createContext, useContext } from 'react';
import type { ComponentSummary } from '../api/models';

export type SpecMap = ReadonlyMap<string, ComponentSummary>;

export const SpecsContext = createContext<SpecMap>(new Map());

export function useSpecs(): SpecMap {
  return useContext(SpecsContext);
}
