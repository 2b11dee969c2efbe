import { describe, expect, it } from 'vitest';
import { loadCsv, splitData, trainModel } from '../../test/fixtures';
import { datasetNode, filterCatalog, groupComponents, modelNode, recentComponents } from './palette';
import { withRecent } from './recentComponents';

describe('groupComponents', () => {
  it('groups by category in alphabetical order', () => {
    const groups = groupComponents([trainModel, splitData, loadCsv]);
    expect(groups.map((g) => g.category)).toEqual(['Data Input', 'Data Transformation', 'Model Training']);
  });

  it('filters by every word of the search, over name, title and description', () => {
    expect(groupComponents([trainModel, splitData, loadCsv], 'split rows').flatMap((g) => g.components)).toEqual([
      splitData,
    ]);
    expect(groupComponents([trainModel, splitData, loadCsv], 'nothing like this')).toEqual([]);
  });
});

describe('recently used', () => {
  it('lists the recent components still in the registry, newest first', () => {
    expect(recentComponents([trainModel, splitData, loadCsv], ['split_data', 'gone', 'load_csv'])).toEqual([splitData, loadCsv]);
  });

  it('moves a used component to the front and keeps the list short', () => {
    expect(withRecent(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(withRecent(['a', 'b'], 'z', 2)).toEqual(['z', 'a']);
  });

  it('also finds components by port name', () => {
    expect(groupComponents([trainModel, splitData, loadCsv], 'second').flatMap((g) => g.components)).toEqual([splitData]);
  });
});

const iris = { name: 'iris', description: 'Iris flowers, 150 rows', tags: ['sample', 'classification'], latest_version: 1 };
const houses = { name: 'houses', description: 'Sale prices', tags: ['regression'], latest_version: 3 };

describe('registered datasets and models', () => {
  it('keeps every entry, in order, without a search', () => {
    expect(filterCatalog([iris, houses], '')).toEqual([iris, houses]);
    expect(filterCatalog([iris, houses], '   ')).toEqual([iris, houses]);
  });

  it('filters by every word over name, description and tags, ignoring case', () => {
    expect(filterCatalog([iris, houses], 'IRIS')).toEqual([iris]);
    expect(filterCatalog([iris, houses], 'sale prices')).toEqual([houses]);
    expect(filterCatalog([iris, houses], 'classif')).toEqual([iris]);
    expect(filterCatalog([iris, houses], 'iris regression')).toEqual([]);
  });

  it('become source nodes that read the latest version until one is pinned', () => {
    expect(datasetNode(houses)).toEqual({ component: 'dataset@1.0.0', params: { name: 'houses', version: 'latest' } });
    expect(modelNode(houses)).toEqual({ component: 'registered_model@1.0.0', params: { name: 'houses', version: 'latest' } });
  });
});
