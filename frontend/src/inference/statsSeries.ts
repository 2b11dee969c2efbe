/**
 * Stats buckets as the small charts draw them: one point per bucket over the whole range asked
 * for (the server lists only buckets with requests: the others count 0 and have no latency),
 * and the SVG path of a sparkline, broken where there is no value. Pure.
 */
import type { ScoringBucket } from '../api/models';

export interface SeriesPoint {
  /** The bucket's start, in ms since the epoch. */
  t: number;
  count: number;
  errors: number;
  p50: number | null;
  p95: number | null;
}

/** Every bucket from `since` for `minutes`, `bucketSeconds` wide, filled in from `buckets`. */
export function fillBuckets(buckets: readonly ScoringBucket[], since: string, minutes: number, bucketSeconds: number): SeriesPoint[] {
  const step = bucketSeconds * 1000;
  const start = Math.floor(Date.parse(since) / step) * step;
  const end = Date.parse(since) + minutes * 60_000;
  if (!Number.isFinite(start) || step <= 0) return [];
  const byStart = new Map(buckets.map((bucket) => [Math.floor(Date.parse(bucket.start) / step) * step, bucket]));
  const points: SeriesPoint[] = [];
  for (let t = start; t < end; t += step) {
    const bucket = byStart.get(t);
    points.push({
      t,
      count: bucket?.count ?? 0,
      errors: bucket?.errors ?? 0,
      p50: bucket?.p50_ms ?? null,
      p95: bucket?.p95_ms ?? null,
    });
  }
  return points;
}

export interface Sparkline {
  /** The SVG path; a null value ends a segment, so a gap shows as a gap. */
  path: string;
  /** Values with no neighbour to join, which a path alone would not show. */
  dots: { x: number; y: number }[];
}

/** Values over [0, width] × [height, 0], scaled to `max` (at least the largest value). */
export function sparkline(values: readonly (number | null)[], width: number, height: number, max?: number): Sparkline {
  const top = Math.max(max ?? 0, ...values.map((value) => value ?? 0));
  const scaleY = (value: number) => (top > 0 ? height - (value / top) * height : height);
  const stepX = values.length > 1 ? width / (values.length - 1) : 0;
  const parts: string[] = [];
  const dots: { x: number; y: number }[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    const x = round(values.length > 1 ? index * stepX : width / 2);
    const y = round(scaleY(value));
    const joined = index > 0 && values[index - 1] != null;
    parts.push(`${joined ? 'L' : 'M'}${x},${y}`);
    if (!joined && values[index + 1] == null) dots.push({ x, y });
  });
  return { path: parts.join(' '), dots };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Latency in ms as the page says it: "3.1 ms", "—" when nothing was answered. */
export function formatMs(value: number | null | undefined): string {
  if (value == null) return '—';
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
