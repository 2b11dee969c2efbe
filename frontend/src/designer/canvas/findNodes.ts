/**
 * "Find node": the nodes whose id, component (name, version or display name) or comment match
 * a query, best matches first. Pure.
 */
import type { GraphNode } from '../../api/models';
import { commentOf } from '../../graph/nodeFields';

export interface NodeMatch {
  id: string;
  component: string;
  displayName: string;
  comment: string;
  /** Where the query matched, for the result line. */
  field: 'id' | 'component' | 'comment';
}

/** 0 = exact id, 1 = id prefix, 2 = id contains, 3 = component, 4 = comment. */
function rank(node: GraphNode, displayName: string, words: readonly string[]): { rank: number; field: NodeMatch['field'] } | null {
  const id = node.id.toLowerCase();
  const component = `${node.component} ${displayName}`.toLowerCase();
  const comment = commentOf(node).toLowerCase();
  const phrase = words.join(' ');
  if (id === phrase) return { rank: 0, field: 'id' };
  if (id.startsWith(phrase)) return { rank: 1, field: 'id' };
  const all = `${id} ${component} ${comment}`;
  if (!words.every((word) => all.includes(word))) return null;
  if (words.every((word) => id.includes(word))) return { rank: 2, field: 'id' };
  if (words.every((word) => component.includes(word) || id.includes(word))) return { rank: 3, field: 'component' };
  return { rank: 4, field: 'comment' };
}

export function findNodes(
  nodes: readonly GraphNode[],
  query: string,
  displayNameOf: (component: string) => string | undefined = () => undefined,
  limit = 50,
): NodeMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: (NodeMatch & { rank: number; index: number })[] = [];
  nodes.forEach((node, index) => {
    const displayName = displayNameOf(node.component) ?? '';
    const hit = rank(node, displayName, words);
    if (hit) found.push({ id: node.id, component: node.component, displayName, comment: commentOf(node), field: hit.field, rank: hit.rank, index });
  });
  found.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return found.slice(0, limit).map((hit) => ({
    id: hit.id,
    component: hit.component,
    displayName: hit.displayName,
    comment: hit.comment,
    field: hit.field,
  }));
}
