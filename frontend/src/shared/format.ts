/** Formatting of times, durations, sizes, numbers and errors for display. Pure. */

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDuration(startIso: string | null | undefined, endIso: string | null | undefined, now = Date.now()): string {
  if (!startIso) return '';
  const start = new Date(startIso).getTime();
  const end = endIso ? new Date(endIso).getTime() : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  const seconds = Math.max(0, Math.round((end - start) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export function formatBytes(size: number | null | undefined): string {
  if (size == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * A number for reading: whole numbers (counts, like 309) as they are; others with at most four
 * decimals (two from 1000 up), trailing zeros dropped; tiny values with four significant digits.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 1000) return String(Number(value.toFixed(2)));
  if (size >= 0.001) return String(Number(value.toFixed(4)));
  return String(Number(value.toPrecision(4)));
}

/** Metric values (and counts): numbers by `formatNumber`, anything else as-is. */
export function formatMetric(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

export function describeFailure(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
