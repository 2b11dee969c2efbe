/** /experiments — every experiment with its run count, last run and runs per status, a page at a time. */
import { Link } from 'react-router';
import { usePagedExperiments } from '../../api/experiments';
import type { RunStatus } from '../../api/models';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { LoadMore } from '../../shared/LoadMore';
import { formatTime } from '../../shared/format';
import { StatusBadge } from '../../shared/StatusBadge';

export function ExperimentsPage() {
  const experiments = usePagedExperiments();
  const rows = experiments.items;
  return (
    <div className="page experiments-page">
      <div className="page-header">
        <h1>Experiments</h1>
      </div>
      {experiments.isPending && <p className="muted">Loading experiments…</p>}
      {experiments.isError && <ErrorMessage error={experiments.error} onRetry={() => void experiments.refetch()} />}
      {experiments.data && rows.length === 0 && <p className="muted">No experiments yet. Every run belongs to one.</p>}
      {rows.length > 0 && (
        <table className="data-table" data-testid="experiments-table">
          <thead>
            <tr>
              <th>Experiment</th>
              <th>Runs</th>
              <th>Last run</th>
              <th>Statuses</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((experiment) => (
              <tr key={experiment.name}>
                <td>
                  <Link to={`/runs?experiment=${encodeURIComponent(experiment.name)}`}>{experiment.name}</Link>
                </td>
                <td className="number">{experiment.run_count}</td>
                <td>{formatTime(experiment.last_run_at)}</td>
                <td className="experiment-statuses">
                  {(Object.entries(experiment.statuses) as [RunStatus, number][])
                    .filter(([, count]) => count > 0)
                    .map(([status, count]) => (
                      <span key={status}>
                        <StatusBadge status={status} /> {count}
                      </span>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore
        hasMore={experiments.hasMore}
        loading={experiments.loadingMore}
        onLoadMore={experiments.loadMore}
        shown={rows.length}
        noun="experiments"
        testId="experiments-load-more"
      />
    </div>
  );
}
