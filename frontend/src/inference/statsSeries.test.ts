import { describe, expect, it } from 'vitest';
import { fillBuckets, formatMs, sparkline } from './statsSeries';

const bucket = (start: string, count: number, errors = 0, p50: number | null = 2, p95: number | null = 4) => ({
  start,
  count,
  errors,
  p50_ms: p50,
  p95_ms: p95,
});

describe('fillBuckets', () => {
  it('has a point per bucket over the range, those without requests counting 0 with no latency', () => {
    const points = fillBuckets([bucket('2026-12-05T10:02:00Z', 5, 1, 3.5, 9)], '2026-12-05T10:00:30Z', 4, 60);
    expect(points.map((point) => new Date(point.t).toISOString().slice(11, 16))).toEqual(['10:00', '10:01', '10:02', '10:03', '10:04']);
    expect(points.map((point) => point.count)).toEqual([0, 0, 5, 0, 0]);
    expect(points[2]).toMatchObject({ errors: 1, p50: 3.5, p95: 9 });
    expect(points[1]).toMatchObject({ errors: 0, p50: null, p95: null });
  });
});

describe('sparkline', () => {
  it('scales values to the box, largest at the top', () => {
    expect(sparkline([0, 5, 10], 100, 20).path).toBe('M0,20 L50,10 L100,0');
    expect(sparkline([0, 5], 100, 20, 20).path).toBe('M0,20 L100,15');
  });

  it('breaks at missing values and marks lone values with a dot', () => {
    const line = sparkline([1, 2, null, 4, null], 40, 10);
    expect(line.path).toBe('M0,7.5 L10,5 M30,0');
    expect(line.dots).toEqual([{ x: 30, y: 0 }]);
  });

  it('draws all zeros along the bottom', () => {
    expect(sparkline([0, 0], 10, 10).path).toBe('M0,10 L10,10');
  });
});

describe('formatMs', () => {
  it('says milliseconds, a dash when nothing was answered', () => {
    expect(formatMs(3.14)).toBe('3.1 ms');
    expect(formatMs(123.6)).toBe('124 ms');
    expect(formatMs(null)).toBe('—');
  });
});
