import { describe, expect, it } from 'vitest';
import { paramText } from './paramText';

describe('paramText', () => {
  it('shows a binding with the run’s value, never raw JSON', () => {
    expect(paramText({ $param: 'seed' }, { seed: 42 })).toBe('= seed (42)');
    expect(paramText({ $param: 'mode' }, { mode: 'stratified' })).toBe('= mode (stratified)');
    expect(paramText({ $param: 'gone' }, {})).toBe('= gone');
  });

  it('shows plain values as they are', () => {
    expect(paramText(0.7, {})).toBe('0.7');
    expect(paramText('target', {})).toBe('target');
    expect(paramText(['a', 'b'], {})).toBe('["a","b"]');
    expect(paramText(true, null)).toBe('true');
  });
});
