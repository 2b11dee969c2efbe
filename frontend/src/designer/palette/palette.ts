/**
 * Palette contents: components filtered by a search text and grouped by category, and the
 * "Recently used" group. Pure.
 */
import type { ComponentSummary } from '../../api/types';

export interface PaletteGroup {
  category: string;
  components: ComponentSummary[];
}

export function matchesSearch(component: ComponentSummary, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
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
