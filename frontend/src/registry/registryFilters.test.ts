import { describe, expect, it } from 'vitest';
import { componentListPath } from '../api/components';
import {
  NO_FILTERS,
  PORT_FILTER_OPTIONS,
  filtersFromParams,
  filtersToParams,
  hasFilters,
  portFilterValue,
  withPortFilter,
} from './registryFilters';

describe('port filter options', () => {
  it('reads as sentences for both directions of every port type', () => {
    const labels = PORT_FILTER_OPTIONS.map((option) => option.label);
    expect(labels).toContain('Takes a model');
    expect(labels).toContain('Produces a dataframe');
    expect(labels).toContain('Takes a json');
    expect(PORT_FILTER_OPTIONS).toHaveLength(10);
  });

  it('sets and clears type and direction together', () => {
    const takesModel = withPortFilter(NO_FILTERS, 'in:model');
    expect(takesModel).toMatchObject({ port_type: 'model', direction: 'in' });
    expect(portFilterValue(takesModel)).toBe('in:model');
    expect(withPortFilter(takesModel, '')).toMatchObject({ port_type: '', direction: '' });
  });
});

describe('filters in the URL', () => {
  it('round-trips through search parameters, leaving out what is empty', () => {
    const filters = { search: 'split', category: 'Machine Learning', subcategory: 'Classification', port_type: 'dataframe', direction: 'out' } as const;
    const params = filtersToParams(filters);
    expect(params.toString()).toBe('search=split&category=Machine+Learning&subcategory=Classification&port_type=dataframe&direction=out');
    expect(filtersFromParams(params)).toEqual(filters);
    expect(filtersToParams(NO_FILTERS).toString()).toBe('');
  });

  it('keeps a sub-category only with its category', () => {
    expect(filtersFromParams(new URLSearchParams('subcategory=Classification')).subcategory).toBe('');
    expect(filtersToParams({ ...NO_FILTERS, subcategory: 'Classification' }).toString()).toBe('');
  });

  it('ignores unknown port types and a direction without a type', () => {
    expect(filtersFromParams(new URLSearchParams('port_type=tensor&direction=in'))).toEqual(NO_FILTERS);
    expect(filtersFromParams(new URLSearchParams('port_type=model&direction=sideways'))).toMatchObject({
      port_type: 'model',
      direction: '',
    });
  });

  it('knows when anything narrows the list', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, search: '  ' })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, category: 'Data Input' })).toBe(true);
  });
});

describe('componentListPath', () => {
  it('builds the list request from the filters', () => {
    expect(componentListPath(NO_FILTERS)).toBe('/api/components/');
    expect(componentListPath({ search: ' split ', category: '', port_type: 'model', direction: 'in' })).toBe(
      '/api/components/?search=split&port_type=model&direction=in',
    );
    expect(componentListPath({ ...NO_FILTERS, category: 'Model Training' })).toBe(
      '/api/components/?category=Model+Training',
    );
  });
});
