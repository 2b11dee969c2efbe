import { describe, expect, it } from 'vitest';
import { nextNodeId } from './nodeIds';

describe('nextNodeId', () => {
  it('uses the component name when it is free', () => {
    expect(nextNodeId('split_data', [])).toBe('split_data');
  });

  it('appends _2, _3… when taken', () => {
    expect(nextNodeId('split_data', ['split_data'])).toBe('split_data_2');
    expect(nextNodeId('split_data', new Set(['split_data', 'split_data_2']))).toBe('split_data_3');
  });

  it('fills the first free number', () => {
    expect(nextNodeId('train', ['train', 'train_3'])).toBe('train_2');
  });
});
