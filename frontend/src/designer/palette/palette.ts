/**
 * Palette contents: components filtered by a search text and grouped by category, the
 * "Recently used" group, and the datasets matching the same search. Pure.
 */
import { parseComponentRef } from '../../api/components';
import type { Dataset } from '../../api/datasets';
import type { ComponentSummary, JsonValue } from '../../api/models';
import type { NodeToAdd } from '../canvas/dragPayload';
import { searchTier } from './componentSearch';

export interface PaletteGroup {
  category: string;
  components: ComponentSummary[];
}

function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesSearch(component: ComponentSummary, search: string): boolean {
  return searchTier(component, search) !== null;
}

/**
 * The components matching `search`, by category. Without a search, categories and components
 * are alphabetical; with one, the best match comes first (ranked as the registry's search
 * does), and so does the category holding it.
 */
export function groupComponents(components: readonly ComponentSummary[], search = ''): PaletteGroup[] {
  const groups = new Map<string, { best: number; list: { component: ComponentSummary; tier: number }[] }>();
  for (const component of components) {
    const tier = searchTier(component, search);
    if (tier === null) continue;
    const category = component.category || 'Other';
    const group = groups.get(category) ?? { best: tier, list: [] };
    group.best = Math.min(group.best, tier);
    group.list.push({ component, tier });
    groups.set(category, group);
  }
  const title = (c: ComponentSummary) => c.display_name || c.name;
  return [...groups.entries()]
    .sort(([a, ga], [b, gb]) => ga.best - gb.best || a.localeCompare(b))
    .map(([category, group]) => ({
      category,
      components: group.list
        .sort((a, b) => a.tier - b.tier || title(a.component).localeCompare(title(b.component)))
        .map((entry) => entry.component),
    }));
}

/** The recently used components still in the registry, most recent first. */
export function recentComponents(components: readonly ComponentSummary[], names: readonly string[]): ComponentSummary[] {
  const byName = new Map(components.map((component) => [component.name, component]));
  return names.flatMap((name) => {
    const component = byName.get(name);
    return component ? [component] : [];
  });
}

/** The datasets whose name, kind, description or component has every word of the search. */
export function filterDatasets(datasets: readonly Dataset[], search: string): Dataset[] {
  const words = searchWords(search);
  if (words.length === 0) return [...datasets];
  return datasets.filter((dataset) => {
    const haystack = [dataset.name, dataset.kind, dataset.description, parseComponentRef(dataset.component).name]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The node a dataset becomes: its reading component with the parameters that point it there. */
export function datasetNode(dataset: Dataset): NodeToAdd {
  // The server sent these as JSON, so they are JSON values.
  return { component: dataset.component, params: { ...(dataset.params as Record<string, JsonValue>) } };
}
