/**
 * /runs/compare?ids=1,2 — two or more runs side by side: who they are, their parameters (with
 * differences highlighted), their metrics (table and bar charts), their evaluation curves
 * overlaid, and how their graphs differ.
 */
import { Link, useSearchParams } from 'react-router';
import type { Run } from '../../api/models';
import { useRunsById } from '../../api/runs';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatDuration, formatTime } from '../../shared/format';
import { StatusBadge } from '../../shared/StatusBadge';
import { CompareCurves } from './CompareCurves';
import { CompareGraphs } from './CompareGraphs';
import { CompareMetrics } from './CompareMetrics';
import { CompareParams } from './CompareParams';
import { parseIds } from './compareTables';

function RunColumns({ runs }: { runs: readonly Run[] }) {
  return (
    <div className="compare-runs" data-testid="compare-runs">
      {runs.map((run) => (
        <div key={String(run.id)} className="compare-run" data-testid={`compare-run-${String(run.id)}`}>
          <Link to={`/runs/${String(run.id)}`}>
            <strong>Run #{String(run.id)}</strong>
          </Link>{' '}
          <StatusBadge status={run.status} />
          <div className="muted">
            {run.pipeline_name} · v{String(run.version)} · {String(run.experiment ?? '')}
          </div>
          <div className="muted">
            {formatTime(run.created_at)} · {formatDuration(run.started_at, run.finished_at)}
          </div>
        </div>
      ))}
    </div>
  );
}

export function ComparePage() {
  const [params] = useSearchParams();
  const ids = parseIds(params.get('ids'));
  const queries = useRunsById(ids);
  const failed = queries.find((query) => query.isError);
  const runs = queries.flatMap((query) => (query.data ? [query.data] : []));

  return (
    <div className="page compare-page">
      <div className="page-header">
        <h1>Compare runs</h1>
        <Link to="/runs">All runs</Link>
      </div>
      {ids.length < 2 && <p className="muted">Pick two or more runs in the runs list to compare them.</p>}
      {failed && <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} />}
      {ids.length >= 2 && runs.length < ids.length && !failed && <p className="muted">Loading runs…</p>}
      {ids.length >= 2 && runs.length === ids.length && (
        <>
          <RunColumns runs={runs} />
          <CompareParams runs={runs} />
          <CompareMetrics runs={runs} />
          <CompareCurves runs={runs} />
          <CompareGraphs runs={runs} />
        </>
      )}
    </div>
  );
}
