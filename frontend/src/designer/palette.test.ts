import { describe, expect, it } from 'vitest';
import { loadCsv, splitData, trainModel } from '../test/fixtures';
import { groupComponents } from './palette';

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
