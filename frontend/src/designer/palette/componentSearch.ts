/**
 * How well a component matches a search, as the registry ranks it (designer/registry/search.py):
 * whole words only (so "roc" does not find "process"), the last word may be the start of one
 * (the user may still be typing), and the best kind of match first. Pure.
 */
import type { ComponentSummary } from '../../api/models';

/** Best first: exact name, name starts with the search, all words in the name, in the tags, anywhere. */
export const SEARCH_TIERS = ['exact', 'prefix', 'name', 'tags', 'anywhere'] as const;

export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function startsWith(name: string[], query: string[]): boolean {
  if (query.length > name.length) return false;
  const last = query.length - 1;
  return query.every((word, i) => (i === last ? name[i]!.startsWith(word) : name[i] === word));
}

function hasAll(vocabulary: Set<string>, query: string[]): boolean {
  const last = query[query.length - 1]!;
  return (
    query.slice(0, -1).every((word) => vocabulary.has(word)) &&
    (vocabulary.has(last) || [...vocabulary].some((word) => word.startsWith(last)))
  );
}

/** The tier (an index into SEARCH_TIERS) of `component` for `search`; null when it does not match. */
export function searchTier(component: ComponentSummary, search: string): number | null {
  const query = searchWords(search);
  if (query.length === 0) return SEARCH_TIERS.length - 1;
  const names = [component.name, component.display_name ?? ''].map(searchWords);
  if (names.some((name) => name.length === query.length && name.every((word, i) => word === query[i]))) return 0;
  if (names.some((name) => startsWith(name, query))) return 1;
  const vocabulary = new Set(names.flat());
  if (hasAll(vocabulary, query)) return 2;
  for (const tag of component.tags ?? []) searchWords(tag).forEach((word) => vocabulary.add(word));
  if (hasAll(vocabulary, query)) return 3;
  const text = [
    component.description ?? '',
    component.category,
    component.subcategory ?? '',
    ...Object.keys(component.inputs ?? {}),
    ...Object.keys(component.outputs ?? {}),
  ];
  for (const part of text) searchWords(part).forEach((word) => vocabulary.add(word));
  return hasAll(vocabulary, query) ? 4 : null;
}
