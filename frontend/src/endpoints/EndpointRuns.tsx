/**
 * The latest runs started by calling this endpoint (the runs API filters by kind; this by name),
 * kept current by the runs feed.
 */
import { Link } from 'react-router';
import { useRuns } from '../api/runs';
import { useRunsFeed } from '../runs/list/useRunsFeed';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatTime } from '../shared/format';
import { StatusBadge } from '../shared/StatusBadge';

const SHOWN = 10;

export function EndpointRuns({ endpoint }: { endpoint: string }) {
  const runs = useRuns({ trigger: 'endpoint' });
  useRunsFeed();
  const mine = (runs.data ?? []).filter((run) => run.trigger?.endpoint === endpoint).slice(0, SHOWN);
  return (
    <section className="endpoint-section" aria-labelledby="endpoint-runs-title">
      <div className="section-header">
        <h2 id="endpoint-runs-title">Recent runs</h2>
        <Link to="/runs?trigger=endpoint">All endpoint runs</Link>
      </div>
      {runs.isPending && <p className="muted">Loading runs…</p>}
      {runs.isError && <ErrorMessage error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data && mine.length === 0 && <p className="muted">No calls yet. Use “Run now” or the examples above.</p>}
      {mine.length > 0 && (
        <table className="data-table compact" data-testid="endpoint-runs">
          <thead>
            <tr>
              <th>Run</th>
              <th>Version</th>
              <th>Status</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={`/runs/${run.id}`}>#{run.id}</Link>
                </td>
                <td>{run.trigger?.version != null ? `v${run.trigger.version}` : '—'}</td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>{formatTime(run.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
