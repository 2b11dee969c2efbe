import { describe, expect, it } from 'vitest';
import { formatChoices, formatDefault, formatParamType, formatParamValue, formatRange } from './paramFormat';

describe('parameter formatting', () => {
  it('shows defaults as a person would type them', () => {
    expect(formatParamValue(0.7)).toBe('0.7');
    expect(formatParamValue('random')).toBe('random');
    expect(formatParamValue('')).toBe('""');
    expect(formatParamValue(false)).toBe('false');
    expect(formatParamValue(null)).toBe('null');
    expect(formatParamValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatParamValue(undefined)).toBe('—');
  });

  it('shows an unset optional default as not set', () => {
    expect(formatDefault({ default: null, optional: true })).toBe('—');
    expect(formatDefault({ default: null, optional: false })).toBe('null');
    expect(formatDefault({ default: 0, optional: true })).toBe('0');
  });

  it('shows a range from whichever bounds exist', () => {
    expect(formatRange({ min: 0, max: 1 })).toBe('0 – 1');
    expect(formatRange({ min: 1, max: null })).toBe('≥ 1');
    expect(formatRange({ min: null, max: 10 })).toBe('≤ 10');
    expect(formatRange({ min: null, max: null })).toBe('—');
  });

  it('lists enum choices', () => {
    expect(formatChoices({ values: ['random', 'sequential'] })).toBe('random, sequential');
    expect(formatChoices({ values: [] })).toBe('—');
  });

  it('qualifies column and code types', () => {
    expect(formatParamType({ type: 'column', input: 'data', language: null })).toBe('column of data');
    expect(formatParamType({ type: 'columns', input: null, language: null })).toBe('columns');
    expect(formatParamType({ type: 'code', input: null, language: 'python' })).toBe('code (python)');
    expect(formatParamType({ type: 'number', input: null, language: null })).toBe('number');
  });
});
