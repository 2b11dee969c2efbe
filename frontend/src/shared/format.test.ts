import { describe, expect, it } from 'vitest';
import { formatMetric, formatNumber } from './format';

describe('formatNumber', () => {
  it.each([
    [309, '309'],
    [309.0, '309'],
    [0, '0'],
    [-12, '-12'],
    [0.45, '0.45'],
    [0.912345, '0.9123'],
    [12.34567, '12.3457'],
    [1234.5678, '1234.57'],
    [0.00012345, '0.0001234'],
    [-0.5, '-0.5'],
    [Number.NaN, 'NaN'],
  ])('%s reads as %s', (value, shown) => {
    expect(formatNumber(value)).toBe(shown);
  });
});

describe('formatMetric', () => {
  it('shows counts as whole numbers and text as it is', () => {
    expect(formatMetric(309)).toBe('309');
    expect(formatMetric(0.8731)).toBe('0.8731');
    expect(formatMetric('n/a')).toBe('n/a');
  });
});
