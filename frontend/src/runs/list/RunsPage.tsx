/**
 * /runs — every run, newest first and a page at a time (infinite scroll, or "Load more"), filtered by pipeline,
 * experiment, status and what started it (kept in the URL query), with states kept current by the runs feed.
 * Metric columns are picked from the runs' metrics (also in the URL). Ticking two or more runs enables Compare.
 */
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { usePagedRuns, type RunFilters } from '../../api/runs';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { LoadMore } from '../../shared/LoadMore';
import { MetricColumnsPicker } from './MetricColumnsPicker';
import { chosenMetrics, metricKeys, withChosenMetrics } from './runColumns';
import { RunFiltersBar } from './RunFilters';
import { RunsTable } from './RunsTable';
import { useRunsFeed } from './useRunsFeed';

export function filtersFromQuery(params: URLSearchParams): RunFilters {
  const filters: RunFilters = {};
  for (const key of ['pipeline', 'experiment', 'status', 'trigger'] as const) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromQuery(params);
  const runs = usePagedRuns(filters);
  const metrics = chosenMetrics(params);
  const available = useMemo(() => metricKeys(runs.items), [runs.items]);
  const chooseMetrics = (keys: string[]) => setParams((current) => withChosenMetrics(current, keys), { replace: true });
  const navigate = useNavigate();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useRunsFeed();

  const setFilter = (key: keyof RunFilters, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const compare = () => {
    const ids = [...selected].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    navigate(`/runs/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  };

  return (
    <div className="page runs-page">
      <div className="page-header">
        <h1>Runs</h1>
        <button type="button" className="primary" disabled={selected.size < 2} onClick={compare}>
          Compare{selected.size > 0 ? ` (${selected.size})` : ''}
        </button>
      </div>
      <div className="runs-toolbar">
        <RunFiltersBar filters={filters} onChange={setFilter} />
        <MetricColumnsPicker available={available} chosen={metrics} onChange={chooseMetrics} />
      </div>
      {runs.isPending && <p className="muted">Loading runs…</p>}
      {runs.isError && <ErrorMessage error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data && runs.items.length === 0 && <p className="muted">No runs match these filters.</p>}
      {runs.items.length > 0 && (
        <>
          <RunsTable runs={runs.items} selected={selected} onToggle={toggle} metrics={metrics} />
          <LoadMore
            hasMore={runs.hasMore}
            loading={runs.loadingMore}
            onLoadMore={runs.loadMore}
            shown={runs.items.length}
            noun="runs"
            testId="runs-load-more"
          />
        </>
      )}
    </div>
  );
}
