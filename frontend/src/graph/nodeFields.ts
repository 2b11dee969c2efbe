/**
 * A graph node's optional fields, read with the meaning they have when the graph leaves them out.
 * Graphs written by scripts, the SDK or a YAML file may hold only `id` and `component` (see the
 * generated GraphNode type); the designer always writes every field.
 */
import type { GraphNode, ParamValue } from '../api/models';

const ORIGIN = { x: 0, y: 0 } as const;
const NO_PARAMS: Readonly<Record<string, ParamValue>> = {};

export function positionOf(node: GraphNode): { x: number; y: number } {
  return node.position ?? ORIGIN;
}

export function paramsOf(node: GraphNode): Readonly<Record<string, ParamValue>> {
  return node.params ?? NO_PARAMS;
}

export function commentOf(node: GraphNode): string {
  return node.comment ?? '';
}

/** Components whose node stands for a registered dataset or model, named by its params. */
const SOURCE_COMPONENTS = new Set(['dataset', 'registered_model']);

/**
 * What a dataset or registered-model node reads, as its face shows it ("houses · latest",
 * "houses · v3", "price · @production"); empty for any other node, or while the name is not set (or bound).
 */
export function sourceOf(node: GraphNode): string {
  if (!SOURCE_COMPONENTS.has(node.component.split('@')[0] ?? '')) return '';
  const { name, version } = paramsOf(node);
  if (typeof name !== 'string' || name === '') return '';
  const shown = typeof version === 'string' && version !== '' ? version : 'latest';
  return `${name} · ${/^\d+$/.test(shown) ? `v${shown}` : shown}`;
}
