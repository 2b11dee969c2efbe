/**
 * When a pipeline node's face must render again. React Flow hands a custom node more than it
 * draws: its measured width and height, its absolute position, whether it is being dragged, its
 * z-index. Those change for every node once, when the opening measures them all (a second render
 * of every node, which at 1,000 nodes costs about as much as the first), and for the dragged node
 * on every frame; none of them changes what a pipeline node shows. Only its id, its data (compared
 * field by field: a moved node gets a new data object with the same fields) and its selection do.
 */
import type { Node, NodeProps } from '@xyflow/react';

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]) && Object.prototype.hasOwnProperty.call(b, key));
}

export function sameNodeFace<N extends Node>(previous: NodeProps<N>, next: NodeProps<N>): boolean {
  return previous.id === next.id && previous.selected === next.selected && sameData(previous.data, next.data);
}
