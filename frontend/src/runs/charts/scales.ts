/**
 * The arithmetic behind the SVG charts: scales, ticks, paths and bar layouts. Pure functions,
 * no DOM and no React, so every chart is a thin drawing over tested numbers.
 */

export type Scale = (value: number) => number;

/** [min, max] of the finite values, or null when there are none. */
export function extent(values: readonly number[]): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : null;
}

/**
 * Maps [d0, d1] onto [r0, r1] linearly. A domain of a single value maps to the middle of the
 * range, so a flat series is drawn as a line across the middle rather than divided by zero.
 */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** A "nice" step (1, 2 or 5 times a power of ten) splitting [min, max] into about `count` parts. */
export function niceStep(min: number, max: number, count = 5): number {
  const span = Math.abs(max - min);
  if (span === 0 || !Number.isFinite(span)) return 0;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // Thresholds at the geometric means between 1, 2, 5 and 10 pick the closest nice step.
  const nice = fraction < Math.SQRT2 ? 1 : fraction < Math.sqrt(10) ? 2 : fraction < Math.sqrt(50) ? 5 : 10;
  return nice * power;
}

/** Round tick values covering [min, max]; a single value gives one tick. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const step = niceStep(min, max, count);
  if (step === 0) return Number.isFinite(min) ? [min] : [];
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step / 2; i += 1) {
    ticks.push(Number((first + i * step).toPrecision(12)));
  }
  return ticks;
}

/** The domain a chart should show: the data's extent widened to round ticks. */
export function niceDomain(values: readonly number[], count = 5, includeZero = false): [number, number] {
  const found = extent(includeZero ? [...values, 0] : values) ?? [0, 1];
  const ticks = niceTicks(found[0], found[1], count);
  return ticks.length > 1 ? [ticks[0]!, ticks[ticks.length - 1]!] : found;
}

export interface Point {
  x: number;
  y: number;
}

/** An SVG path through the points, in the order given; non-finite points are skipped. */
export function linePath(points: readonly Point[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  for (const point of points) {
    if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${round(x(point.x))},${round(y(point.y))}`);
  }
  return parts.join(' ');
}

export interface Band {
  x: number;
  width: number;
}

/** `count` equal bands across `width`, with `gap` (a fraction of a band) between them. */
export function bands(count: number, width: number, gap = 0.2): Band[] {
  if (count <= 0) return [];
  const step = width / count;
  const inner = step * (1 - gap);
  return Array.from({ length: count }, (_, i) => ({ x: round(i * step + (step - inner) / 2), width: round(inner) }));
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bars of a histogram: bin i spans edges[i]..edges[i+1], its height proportional to counts[i]. */
export function histogramRects(edges: readonly number[], counts: readonly number[], width: number, height: number): Rect[] {
  const bins = Math.min(counts.length, edges.length - 1);
  if (bins <= 0) return [];
  const x = linearScale([edges[0]!, edges[bins]!], [0, width]);
  const top = Math.max(...counts.slice(0, bins), 0);
  const y = linearScale([0, top || 1], [height, 0]);
  return Array.from({ length: bins }, (_, i) => {
    const left = x(edges[i]!);
    const right = x(edges[i + 1]!);
    const barTop = y(counts[i]!);
    return {
      x: round(Math.min(left, right)),
      y: round(barTop),
      width: round(Math.max(1, Math.abs(right - left) - 1)),
      height: round(height - barTop),
    };
  });
}

/** Short tick labels: 1.2k, 0.05, 3e-7. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  if (abs < 1e-3) return value.toExponential(0);
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
