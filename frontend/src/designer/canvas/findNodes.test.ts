import { describe, expect, it } from 'vitest';
import { node } from '../../test/fixtures';
import { findNodes } from './findNodes';

const nodes = [
  { ...node('split', 'split_data@1.0.0'), comment: 'hold out 20%' },
  node('load_train', 'load_csv@1.0.0'),
  node('train', 'train_model@2.0.0'),
  { ...node('score', 'score_model@1.0.0'), comment: 'on the training rows' },
];
const names: Record<string, string> = { 'train_model@2.0.0': 'Train Model', 'split_data@1.0.0': 'Split Data' };

describe('findNodes', () => {
  it('ranks an exact id, then id prefixes, then other id matches, components and comments', () => {
    const found = findNodes(nodes, 'train', (c) => names[c]);
    expect(found.map((m) => [m.id, m.field])).toEqual([
      ['train', 'id'],
      ['load_train', 'id'],
      ['score', 'comment'],
    ]);
  });

  it('matches display names, versions and comments, every word', () => {
    expect(findNodes(nodes, 'split data', (c) => names[c]).map((m) => m.id)).toEqual(['split']);
    expect(findNodes(nodes, '2.0.0').map((m) => m.id)).toEqual(['train']);
    expect(findNodes(nodes, 'HOLD out').map((m) => m.id)).toEqual(['split']);
    expect(findNodes(nodes, '  ')).toEqual([]);
    expect(findNodes(nodes, 'nothing here')).toEqual([]);
  });
});
