/**
 * The runs feed, `ws://HOST/ws/runs/`: every run's state changes as `{"type": "run", "run":
 * <run summary>}`. Parsing, and the pure rule that folds a summary into a cached runs list
 * under that list's filters. The socket itself is RunSocket's (reconnect with backoff).
 */
import type { RunFilters } from '../../api/runs';
import type { RunListMessage, RunSummary } from '../../api/models';
import { mapPagedItems, type PagedData } from '../../shared/usePagedList';

export function runsFeedUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws/runs/`;
}

export function parseRunsFeedMessage(data: unknown): RunSummary | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  // The server checks every message against RunListMessage before sending it; this guards
  // against anything else arriving on the socket.
  const { type, run } = value as Partial<Record<keyof RunListMessage, unknown>>;
  if (type !== 'run' || typeof run !== 'object' || run === null) return null;
  const summary = run as Partial<RunSummary>;
  if (summary.id == null || typeof summary.status !== 'string') return null;
  return summary as RunSummary;
}

export function matchesFilters(
  run: Pick<RunSummary, 'pipeline' | 'status' | 'experiment'> & Partial<Pick<RunSummary, 'trigger'>>,
  filters: RunFilters,
): boolean {
  if (filters.pipeline != null && filters.pipeline !== '' && String(run.pipeline) !== String(filters.pipeline)) return false;
  if (filters.experiment && run.experiment !== filters.experiment) return false;
  if (filters.status && run.status !== filters.status) return false;
  if (filters.trigger && run.trigger?.kind !== filters.trigger) return false;
  return true;
}

/**
 * The list with the run's new summary: updated in place, added at the top when new and within
 * the filters, dropped when it no longer matches them (a status filter). Unchanged input gives
 * the same list back.
 */
export function upsertRunSummary<T extends RunSummary>(list: readonly T[], run: RunSummary, filters: RunFilters): readonly T[] {
  const index = list.findIndex((item) => String(item.id) === String(run.id));
  const matches = matchesFilters(run, filters);
  if (index < 0) return matches ? [run as T, ...list] : list;
  if (!matches) return list.filter((_, i) => i !== index);
  const merged = { ...list[index]!, ...run };
  if (JSON.stringify(merged) === JSON.stringify(list[index])) return list;
  return list.map((item, i) => (i === index ? merged : item));
}

/**
 * The same rule over a list kept in pages (the runs page): a run already shown is updated (or
 * dropped) in the page that holds it; a new one goes at the top of the first page.
 */
export function upsertRunPages<T extends RunSummary>(
  data: PagedData<T> | undefined,
  run: RunSummary,
  filters: RunFilters,
): PagedData<T> | undefined {
  const same = (item: T) => String(item.id) === String(run.id);
  const shown = data?.pages.some((page) => page.results.some(same)) ?? false;
  return mapPagedItems(data, (items, first) =>
    (shown ? items.some(same) : first) ? upsertRunSummary(items, run, filters) : items,
  );
}

export function isPagedData(data: unknown): data is PagedData<RunSummary> {
  return typeof data === 'object' && data !== null && Array.isArray((data as { pages?: unknown }).pages);
}
