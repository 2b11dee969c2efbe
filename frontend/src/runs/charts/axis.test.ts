import { describe, expect, it } from 'vitest';
import { extent, formatTick, linearScale, niceDomain, niceStep, niceTicks, paddedDomain, zoomedDomain } from './axis';

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

describe('zoomedDomain', () => {
  it('maps the dragged pixels back to values, either direction', () => {
    expect(zoomedDomain([0, 1], [0, 100], 20, 60)).toEqual([0.2, 0.6]);
    expect(zoomedDomain([0, 1], [0, 100], 60, 20)).toEqual([0.2, 0.6]);
  });

  it('reads an inverted (y) range, and clamps a drag past the plot', () => {
    expect(zoomedDomain([0, 10], [100, 0], 80, 40)).toEqual([2, 6]);
    expect(zoomedDomain([0, 10], [100, 0], 150, 50)).toEqual([0, 5]);
  });

  it('ignores a drag too short to be a zoom', () => {
    expect(zoomedDomain([0, 1], [0, 100], 20, 23)).toBeNull();
  });
});

describe('paddedDomain', () => {
  it('widens the extent on both sides, a flat one by one', () => {
    expect(paddedDomain([0, 10], 0.1)).toEqual([-1, 11]);
    expect(paddedDomain([5, 5])).toEqual([4, 6]);
  });
});
