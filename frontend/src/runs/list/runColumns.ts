/**
 * The runs list's optional columns: which `node.metric` keys the loaded runs have, which the
 * user chose (kept in the URL as `metrics=a.b,c.d`), and a row's value for one. Pure.
 */
import type { Run, RunListItem, RunSummary } from '../../api/models';
import { formatMetric } from '../../shared/format';

/** A runs list row: the feed's summaries carry no metrics until the list is read again. */
export type RunRow = RunSummary & Partial<Pick<RunListItem, 'metrics'>> & { tags?: readonly string[] };

export const METRICS_PARAM = 'metrics';

/** Every metric key of these runs, sorted by node then metric name. */
export function metricKeys(runs: readonly RunRow[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.metrics ?? {})) keys.add(key);
  return [...keys].sort((a, b) => a.localeCompare(b));
}

export function chosenMetrics(params: URLSearchParams): string[] {
  const raw = params.get(METRICS_PARAM) ?? '';
  return [...new Set(raw.split(',').map((key) => key.trim()).filter(Boolean))];
}

export function withChosenMetrics(params: URLSearchParams, keys: readonly string[]): URLSearchParams {
  const next = new URLSearchParams(params);
  if (keys.length) next.set(METRICS_PARAM, keys.join(','));
  else next.delete(METRICS_PARAM);
  return next;
}

export function metricCell(run: RunRow, key: string): string {
  const value = run.metrics?.[key];
  return typeof value === 'number' ? formatMetric(value) : '—';
}

/** A finished run's latest metrics in the list's `node.metric` form, from the run itself. */
export function metricsOfRun(run: Run): Record<string, number> {
  const found: Record<string, number> = {};
  for (const node of run.nodes) {
    for (const [name, value] of Object.entries(node.metrics ?? {})) {
      if (typeof value === 'number') found[`${node.node}.${name}`] = value;
    }
  }
  return found;
}
