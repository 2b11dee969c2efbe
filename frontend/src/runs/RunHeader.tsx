/**
 * The run view's header: pipeline name, run id, live status, a ticking duration, links (designer,
 * lineage, experiment, the run this one re-ran), the description and tags given at submit, the
 * pipeline parameter values the run used, Cancel while the run can still be stopped, Re-run /
 * Re-run failed, which open the new run, and picking up from the run (pickUp/PickUpButtons).
 */
import { Link, useNavigate } from 'react-router';
import { useCancelRun, useRerun } from '../api/runs';
import type { Run, RunStatus } from '../api/models';
import { lineagePagePath } from '../shared/catalogPaths';
import { formatDuration, formatTime } from '../shared/format';
import { StatusBadge } from '../shared/StatusBadge';
import { CreateInferenceButton } from './inference/CreateInferenceButton';
import { useNow } from './live/clock';
import { isFinalRunStatus } from './live/liveState';
import { useRunLive } from './live/liveStore';
import { PickUpButtons } from './pickUp/PickUpButtons';
import { valueText } from './paramText';

function RunAbout({ run }: { run: Run }) {
  const parameters = Object.entries(run.parameters ?? {});
  const tags = run.tags ?? [];
  if (!run.description && tags.length === 0 && parameters.length === 0) return null;
  return (
    <div className="run-about">
      {run.description && (
        <p className="run-description" data-testid="run-description">
          {run.description}
        </p>
      )}
      {tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags" data-testid="run-tags">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              {tag}
            </li>
          ))}
        </ul>
      )}
      {parameters.length > 0 && (
        <dl className="run-parameters" aria-label="Parameter values" data-testid="run-parameters">
          {parameters.map(([name, value]) => (
            <div key={name} data-testid={`run-parameter-${name}`}>
              <dt>{name}</dt>
              <dd>
                <code>{value === null ? '—' : valueText(value)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** The header's view of the run: live when the store holds this run, else the REST copy. */
function useRunState(run: Run): { status: RunStatus; startedAt: string | null; finishedAt: string | null } {
  const own = useRunLive((s) => s.runId === String(run.id) && s.status !== null);
  const status = useRunLive((s) => s.status);
  const startedAt = useRunLive((s) => s.startedAt);
  const finishedAt = useRunLive((s) => s.finishedAt);
  return own && status
    ? { status, startedAt, finishedAt }
    : { status: run.status, startedAt: run.started_at, finishedAt: run.finished_at };
}

function RerunButtons({ run, status }: { run: Run; status: RunStatus }) {
  const rerun = useRerun(run.id);
  const navigate = useNavigate();
  const start = (failedOnly: boolean) =>
    rerun.mutate(
      { failed_only: failedOnly },
      { onSuccess: (created) => navigate(`/runs/${encodeURIComponent(String(created.id))}`) },
    );
  return (
    <>
      <button type="button" onClick={() => start(false)} disabled={rerun.isPending}>
        Re-run
      </button>
      {(status === 'failed' || status === 'canceled') && (
        <button type="button" onClick={() => start(true)} disabled={rerun.isPending}>
          Re-run failed
        </button>
      )}
      {rerun.isError && (
        <span className="form-error" role="alert">
          {rerun.error.message}
        </span>
      )}
    </>
  );
}

export function RunHeader({ run }: { run: Run }) {
  const { status, startedAt, finishedAt } = useRunState(run);
  const final = isFinalRunStatus(status);
  const now = useNow(Boolean(startedAt) && !final);
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
        {startedAt && <span data-testid="run-duration">duration {formatDuration(startedAt, final ? finishedAt : null, now)}</span>}
        {run.experiment && (
          <Link to={`/runs?experiment=${encodeURIComponent(String(run.experiment))}`}>experiment {String(run.experiment)}</Link>
        )}
        {run.rerun_of != null && <Link to={`/runs/${run.rerun_of}`}>re-run of #{run.rerun_of}</Link>}
        {run.partial && <span>partial run</span>}
        {run.force_rerun && <span>forced re-run</span>}
        {run.continue_on_failure && <span>continues on failure</span>}
      </div>
      <RunAbout run={run} />
      <div className="toolbar">
        <Link to={`/pipelines/${encodeURIComponent(String(run.pipeline))}`} className="button-link">
          Open in designer
        </Link>
        <Link to={lineagePagePath({ kind: 'run', run: run.id })} className="button-link">
          Lineage
        </Link>
        {cancellable && (
          <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            Cancel
          </button>
        )}
        {final && <RerunButtons run={run} status={status} />}
        <PickUpButtons run={run} />
        <CreateInferenceButton run={run} status={status} />
      </div>
      {cancel.isError && (
        <p className="form-error" role="alert">
          {cancel.error.message}
        </p>
      )}
    </div>
  );
}
