/**
 * Palette contents: components filtered by a search text and grouped by category, the
 * "Recently used" group, and the datasets matching the same search. Pure.
 */
import { parseComponentRef } from '../../api/components';
import type { Dataset } from '../../api/datasets';
import type { ComponentSummary, JsonValue } from '../../api/models';
import type { NodeToAdd } from '../canvas/dragPayload';

export interface PaletteGroup {
  category: string;
  components: ComponentSummary[];
}

function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesSearch(component: ComponentSummary, search: string): boolean {
  const words = searchWords(search);
  if (words.length === 0) return true;
  const haystack = [
    component.name,
    component.display_name,
    component.category,
    component.description,
    ...Object.keys(component.inputs ?? {}),
    ...Object.keys(component.outputs ?? {}),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function groupComponents(components: readonly ComponentSummary[], search = ''): PaletteGroup[] {
  const groups = new Map<string, ComponentSummary[]>();
  for (const component of components) {
    if (!matchesSearch(component, search)) continue;
    const category = component.category || 'Other';
    const list = groups.get(category) ?? [];
    list.push(component);
    groups.set(category, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, list]) => ({
      category,
      components: list.sort((a, b) => (a.display_name || a.name).localeCompare(b.display_name || b.name)),
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
