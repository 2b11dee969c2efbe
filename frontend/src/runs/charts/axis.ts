/**
 * Axis arithmetic: domains, round ticks, short tick labels and the zoom a drag selects. Pure
 * functions, no DOM and no React; the charts (drawn by visx) and the run timeline share them.
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

/**
 * The domain a drag from pixel `from` to pixel `to` selects, on an axis drawing `domain` over
 * pixels `range` (an inverted range, as for a y axis, included). Null for a drag too short to mean
 * a zoom, so a click stays a click.
 */
export function zoomedDomain(
  domain: readonly [number, number],
  range: readonly [number, number],
  from: number,
  to: number,
  minPixels = 6,
): [number, number] | null {
  if (Math.abs(to - from) < minPixels || range[0] === range[1]) return null;
  const invert = (pixel: number) => {
    const clamped = Math.min(Math.max(pixel, Math.min(...range)), Math.max(...range));
    return domain[0] + ((clamped - range[0]) / (range[1] - range[0])) * (domain[1] - domain[0]);
  };
  const [a, b] = [invert(from), invert(to)];
  return a < b ? [a, b] : [b, a];
}

/** A domain padded by `fraction` of its span on both sides (a flat one by 1), for scatter plots. */
export function paddedDomain(values: readonly number[], fraction = 0.05): [number, number] {
  const found = extent(values) ?? [0, 1];
  const pad = (found[1] - found[0]) * fraction || 1;
  return [found[0] - pad, found[1] + pad];
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
