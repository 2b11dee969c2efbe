import { describe, expect, it } from 'vitest';
import { loadCsv, splitData, trainModel } from '../../test/fixtures';
import { groupComponents, recentComponents } from './palette';
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
