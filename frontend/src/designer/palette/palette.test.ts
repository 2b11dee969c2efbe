import { describe, expect, it } from 'vitest';
import { loadCsv, splitData, trainModel } from '../../test/fixtures';
import type { Dataset } from '../../api/datasets';
import { datasetNode, filterDatasets, groupComponents, recentComponents } from './palette';
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

const iris: Dataset = {
  name: 'iris',
  kind: 'sample',
  component: 'sample_dataset@1.0.0',
  params: { dataset: 'iris' },
  description: "Sample dataset 'iris'",
  size: null,
};
const sales: Dataset = {
  name: 'shop/sales.csv',
  kind: 'file',
  component: 'import_data@1.0.0',
  params: { path: 'shop/sales.csv' },
  description: 'File shop/sales.csv',
  size: 2048,
};

describe('datasets', () => {
  it('keeps every dataset, in order, without a search', () => {
    expect(filterDatasets([iris, sales], '')).toEqual([iris, sales]);
    expect(filterDatasets([iris, sales], '   ')).toEqual([iris, sales]);
  });

  it('filters by every word over name, kind, description and component, ignoring case', () => {
    expect(filterDatasets([iris, sales], 'IRIS')).toEqual([iris]);
    expect(filterDatasets([iris, sales], 'file sales')).toEqual([sales]);
    expect(filterDatasets([iris, sales], 'shop/')).toEqual([sales]);
    expect(filterDatasets([iris, sales], 'import')).toEqual([sales]);
    expect(filterDatasets([iris, sales], 'sample')).toEqual([iris]);
    expect(filterDatasets([iris, sales], 'iris file')).toEqual([]);
  });

  it('becomes a node of its component with a copy of its parameters', () => {
    const node = datasetNode(iris);
    expect(node).toEqual({ component: 'sample_dataset@1.0.0', params: { dataset: 'iris' } });
    expect(node.params).not.toBe(iris.params);
  });
});
