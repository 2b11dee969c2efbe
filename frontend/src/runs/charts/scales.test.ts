import { describe, expect, it } from 'vitest';
import { bands, extent, formatTick, histogramRects, linePath, linearScale, niceDomain, niceStep, niceTicks } from './scales';

describe('extent', () => {
  it('ignores non-finite values and is null for none', () => {
    expect(extent([3, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([])).toBeNull();
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included', () => {
    const y = linearScale([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(75);
  });

  it('puts every value of a one-point domain in the middle', () => {
    expect(linearScale([4, 4], [0, 50])(4)).toBe(25);
  });
});

describe('ticks', () => {
  it('uses steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0, 1, 5)).toBe(0.2);
    expect(niceStep(0, 97, 5)).toBe(20);
    expect(niceStep(0, 0.003, 3)).toBe(0.001);
    expect(niceStep(2, 2)).toBe(0);
  });

  it('covers the data with round values', () => {
    expect(niceTicks(0.12, 0.93, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceDomain([0.12, 0.93], 4)).toEqual([0, 1]);
    expect(niceDomain([3, 7], 4, true)).toEqual([0, 8]);
    expect(niceDomain([])).toEqual([0, 1]);
  });

  it('labels ticks briefly', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(12500)).toBe('12.5k');
    expect(formatTick(2_000_000)).toBe('2M');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(0.00002)).toBe('2e-5');
  });
});

describe('linePath', () => {
  it('moves to the first point and draws lines to the others, skipping gaps', () => {
    const x = linearScale([0, 2], [0, 100]);
    const y = linearScale([0, 1], [50, 0]);
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 1, y: NaN },
          { x: 1, y: 0.5 },
          { x: 2, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('M0,50 L50,25 L100,0');
    expect(linePath([], x, y)).toBe('');
  });
});

describe('bands', () => {
  it('splits the width into equal bars with gaps', () => {
    expect(bands(2, 100, 0.2)).toEqual([
      { x: 5, width: 40 },
      { x: 55, width: 40 },
    ]);
    expect(bands(0, 100)).toEqual([]);
  });
});

describe('histogramRects', () => {
  it('draws one bar per bin, the tallest reaching the top', () => {
    const rects = histogramRects([0, 1, 2], [2, 4], 100, 40);
    expect(rects).toEqual([
      { x: 0, y: 20, width: 49, height: 20 },
      { x: 50, y: 0, width: 49, height: 40 },
    ]);
  });

  it('copes with empty or mismatched input', () => {
    expect(histogramRects([0], [], 100, 40)).toEqual([]);
    expect(histogramRects([0, 1, 2], [0, 0], 100, 40).every((rect) => rect.height === 0)).toBe(true);
  });
});
