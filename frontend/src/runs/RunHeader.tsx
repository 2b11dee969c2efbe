/**
 * The run view's header: pipeline name, run id, live status, timing, a link back to the
 * designer, and Cancel while the run can still be stopped.
 */
import { Link } from 'react-router';
import { useCancelRun } from '../api/runs';
import type { Run } from '../api/types';
import { formatDuration, formatTime } from '../shared/format';
import { StatusBadge } from '../shared/StatusBadge';
import { useRunLive } from './live/liveStore';

export function RunHeader({ run }: { run: Run }) {
  const own = useRunLive((s) => s.runId === String(run.id));
  const liveStatus = useRunLive((s) => s.status);
  const liveStarted = useRunLive((s) => s.startedAt);
  const liveFinished = useRunLive((s) => s.finishedAt);
  const status = (own && liveStatus) || run.status;
  const startedAt = own && liveStatus ? liveStarted : run.started_at;
  const finishedAt = own && liveStatus ? liveFinished : run.finished_at;
  const cancel = useCancelRun(run.id);
  const cancellable = status === 'queued' || status === 'running';

  return (
    <div className="run-header">
      <div className="run-title">
        <h1>{run.pipeline_name}</h1>
        <span className="muted">run #{String(run.id)}</span>
        <StatusBadge status={status} testId="run-status" />
      </div>
      <div className="run-meta muted">
        <span>created {formatTime(run.created_at)}</span>
        {startedAt && <span>duration {formatDuration(startedAt, finishedAt)}</span>}
        {run.force_rerun && <span>forced re-run</span>}
      </div>
      <div className="toolbar">
        <Link to={`/pipelines/${encodeURIComponent(String(run.pipeline))}`} className="button-link">
          Open in designer
        </Link>
        {cancellable && (
          <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            Cancel
          </button>
        )}
      </div>
      {cancel.isError && (
        <p className="form-error" role="alert">
          {cancel.error.message}
        </p>
      )}
    </div>
  );
}
