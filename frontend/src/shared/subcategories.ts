/**
 * Components under their category, then their sub-category (Machine Learning → Classification,
 * Regression, Clustering), as the palette and the registry show them when browsing. Pure.
 */
import type { ComponentSummary } from '../api/models';

export interface Subgroup {
  /** '' for the components of the category that name no sub-category. */
  name: string;
  components: ComponentSummary[];
}

export interface CategoryGroup {
  category: string;
  subgroups: Subgroup[];
}

/**
 * Splits components (of one category or many) by sub-category, keeping their order within each:
 * named sub-categories alphabetically, then those without one.
 */
export function bySubcategory(components: readonly ComponentSummary[]): Subgroup[] {
  const groups = new Map<string, ComponentSummary[]>();
  for (const component of components) {
    const name = component.subcategory ?? '';
    const list = groups.get(name);
    if (list) list.push(component);
    else groups.set(name, [component]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || a.localeCompare(b))
    .map(([name, list]) => ({ name, components: list }));
}

/** Categories in the order first met, each split by sub-category (see `bySubcategory`). */
export function groupBySubcategory(components: readonly ComponentSummary[]): CategoryGroup[] {
  const categories = new Map<string, ComponentSummary[]>();
  for (const component of components) {
    const category = component.category || 'Other';
    const list = categories.get(category);
    if (list) list.push(component);
    else categories.set(category, [component]);
  }
  return [...categories.entries()].map(([category, list]) => ({ category, subgroups: bySubcategory(list) }));
}
