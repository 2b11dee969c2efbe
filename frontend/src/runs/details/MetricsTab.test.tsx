import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MetricsTab } from './MetricsTab';
import { cellText, previewCells } from './PreviewGrid';

describe('MetricsTab', () => {
  it('shows one row per metric, whole numbers as whole numbers', () => {
    render(<MetricsTab metrics={{ r2: 0.45, mae: 12 }} />);
    expect(screen.getByTestId('metric-r2')).toHaveTextContent('r2');
    expect(screen.getByTestId('metric-r2')).toHaveTextContent('0.45');
    expect(screen.getByTestId('metric-mae')).toHaveTextContent(/^mae12$/);
  });

  it('says so when there are none', () => {
    render(<MetricsTab metrics={{}} />);
    expect(screen.getByText('No metrics recorded.')).toBeInTheDocument();
  });
});

describe('previewCells', () => {
  it('keeps the rows, in column order, up to the limit', () => {
    expect(previewCells({ columns: ['a', 'b'], rows: [[1, 2], [3, 4]], row_count: 2 })).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const many = { columns: ['a'], rows: Array.from({ length: 30 }, (_, i) => [i]), row_count: 30 };
    expect(previewCells(many)).toHaveLength(20);
  });
});

describe('cellText', () => {
  it('shortens floats, keeps integers, strings and objects readable', () => {
    expect(cellText(0.038075906433423026)).toBe('0.0380759');
    expect(cellText(12345678)).toBe('12345678');
    expect(cellText('Oslo')).toBe('Oslo');
    expect(cellText(null)).toBe('');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
  });
});
