/**
 * The registry page's filters as URL search parameters, and the port filter's choices.
 *
 * The URL holds the filters so a filtered view can be linked and survives a reload. Pure: no
 * React, no fetching; the API module turns filters into the request.
 */
import type { ComponentFilters, PortDirection } from '../api/components';
import { PORT_TYPES } from '../api/enums';
import type { PortType } from '../api/models';

export const NO_FILTERS: ComponentFilters = { search: '', category: '', subcategory: '', port_type: '', direction: '' };

export interface PortFilterOption {
  /** "in:model" — the value of the <option>. */
  value: string;
  label: string;
  port_type: PortType;
  direction: PortDirection;
}

function article(type: PortType): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

/** "Takes a model", "Produces a dataframe", … for every port type and both directions. */
export const PORT_FILTER_OPTIONS: readonly PortFilterOption[] = (['in', 'out'] as const).flatMap((direction) =>
  PORT_TYPES.map((type) => ({
    value: `${direction}:${type}`,
    label: `${direction === 'in' ? 'Takes' : 'Produces'} ${article(type)} ${type}`,
    port_type: type,
    direction,
  })),
);

function isPortType(value: string | null): value is PortType {
  return value !== null && (PORT_TYPES as readonly string[]).includes(value);
}

function isDirection(value: string | null): value is PortDirection {
  return value === 'in' || value === 'out';
}

export function filtersFromParams(params: URLSearchParams): ComponentFilters {
  const type = params.get('port_type');
  const direction = params.get('direction');
  const portType = isPortType(type) ? type : '';
  return {
    search: params.get('search') ?? '',
    category: params.get('category') ?? '',
    subcategory: (params.get('category') && params.get('subcategory')) || '',
    port_type: portType,
    direction: portType && isDirection(direction) ? direction : '',
  };
}

export function filtersToParams(filters: ComponentFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set('search', filters.search);
  if (filters.category) params.set('category', filters.category);
  if (filters.category && filters.subcategory) params.set('subcategory', filters.subcategory);
  if (filters.port_type) {
    params.set('port_type', filters.port_type);
    if (filters.direction) params.set('direction', filters.direction);
  }
  return params;
}

/** The selected option of the port filter ("" when none, or when only a type is set). */
export function portFilterValue(filters: ComponentFilters): string {
  return filters.port_type && filters.direction ? `${filters.direction}:${filters.port_type}` : '';
}

export function withPortFilter(filters: ComponentFilters, value: string): ComponentFilters {
  const option = PORT_FILTER_OPTIONS.find((candidate) => candidate.value === value);
  return option
    ? { ...filters, port_type: option.port_type, direction: option.direction }
    : { ...filters, port_type: '', direction: '' };
}

export function hasFilters(filters: ComponentFilters): boolean {
  return Boolean(filters.search.trim() || filters.category || filters.port_type);
}
