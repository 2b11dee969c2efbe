/**
 * Palette contents: components filtered by a search text and grouped by category, the
 * "Recently used" group, and the registered datasets and models matching the same search, each
 * with the node it becomes. Pure.
 */
import type { ComponentSummary } from '../../api/models';
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

/** What the palette's catalog groups list: a registered dataset or model. */
export interface CatalogEntry {
  name: string;
  description?: string;
  tags: readonly string[];
  /** Null for a model whose versions were all deleted. */
  latest_version: number | null;
}

/** The component a registered dataset or model is added as. */
export const DATASET_COMPONENT = 'dataset@1.0.0';
export const REGISTERED_MODEL_COMPONENT = 'registered_model@1.0.0';

/** The entries whose name, description or tags have every word of the search, ignoring case. */
export function filterCatalog<T extends CatalogEntry>(entries: readonly T[], search: string): T[] {
  const words = searchWords(search);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const haystack = [entry.name, entry.description ?? '', ...entry.tags].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** A registered dataset's node: its newest version when the run starts, until one is pinned. */
export function datasetNode(dataset: CatalogEntry): NodeToAdd {
  return { component: DATASET_COMPONENT, params: { name: dataset.name, version: 'latest' } };
}

/** A registered model's node: its newest version, until a version or an alias is chosen. */
export function modelNode(model: CatalogEntry): NodeToAdd {
  return { component: REGISTERED_MODEL_COMPONENT, params: { name: model.name, version: 'latest' } };
}
