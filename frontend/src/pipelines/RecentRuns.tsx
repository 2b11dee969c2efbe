/** The latest runs of every pipeline, each status linking to its run view. */
import { Link } from 'react-router';
import { useRuns } from '../api/runs';
import type { RunSummary } from '../api/models';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatDuration, formatTime } from '../shared/format';
import { StatusBadge } from '../shared/StatusBadge';

const RECENT_LIMIT = 20;

export function recentRuns(runs: readonly RunSummary[], limit = RECENT_LIMIT): RunSummary[] {
  return [...runs].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '')).slice(0, limit);
}

export function RecentRuns() {
  const runs = useRuns();
  return (
    <section className="recent-runs">
      <h2>Recent runs</h2>
      {runs.isPending && <p className="muted">Loading runs…</p>}
      {runs.isError && <ErrorMessage error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data && runs.data.length === 0 && <p className="muted">No runs yet. Submit a pipeline to start one.</p>}
      {runs.data && runs.data.length > 0 && (
        <table className="data-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Pipeline</th>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {recentRuns(runs.data).map((run) => {
              const href = `/runs/${encodeURIComponent(String(run.id))}`;
              return (
                <tr key={String(run.id)}>
                  <td>
                    <Link to={href}>#{String(run.id)}</Link>
                  </td>
                  <td>{run.pipeline_name}</td>
                  <td>
                    <Link to={href} className="status-link">
                      <StatusBadge status={run.status} />
                    </Link>
                  </td>
                  <td>{formatTime(run.started_at ?? run.created_at)}</td>
                  <td>{formatDuration(run.started_at, run.finished_at)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
