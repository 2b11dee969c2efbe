/** One compute target: what it declares, its queue, its live workers; edit and delete in place. */
import { useState } from 'react';
import { useDeleteComputeTarget, type ComputeTarget } from '../api/compute';
import { formatResources } from './computeFormat';
import { TargetEditForm } from './TargetEditForm';
import { WorkerTable } from './WorkerTable';

function DeleteControl({ name }: { name: string }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteComputeTarget(name);
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="compute-confirm" role="group" aria-label={`Confirm deleting ${name}`}>
      <span>Delete {name}?</span>
      <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
        {remove.isPending ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button
        type="button"
        onClick={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        Keep it
      </button>
      {remove.error && (
        <p className="form-error compute-delete-error" role="alert">
          {remove.error.message}
        </p>
      )}
    </div>
  );
}

export function TargetCard({ target, now }: { target: ComputeTarget; now: number }) {
  const [editing, setEditing] = useState(false);
  const busy = target.workers.filter((worker) => worker.busy > 0).length;

  return (
    <article className="compute-target" data-testid={`compute-target-${target.name}`} aria-labelledby={`target-${target.name}`}>
      <header className="compute-target-header">
        <h2 id={`target-${target.name}`}>{target.name}</h2>
        <div className="compute-target-actions">
          {!editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          <DeleteControl name={target.name} />
        </div>
      </header>
      {editing ? (
        <TargetEditForm target={target} onDone={() => setEditing(false)} />
      ) : (
        <p className="compute-description">{target.description || <span className="muted">No description.</span>}</p>
      )}
      <dl className="compute-facts">
        <div>
          <dt>Resources</dt>
          <dd>{formatResources(target.resources)}</dd>
        </div>
        <div>
          <dt>Concurrency</dt>
          <dd data-testid="concurrency">{target.concurrency}</dd>
        </div>
        <div>
          <dt>Queue</dt>
          <dd data-testid="queue-length">{target.queue_length}</dd>
        </div>
        <div>
          <dt>Workers</dt>
          <dd>
            {target.workers.length} live{target.workers.length > 0 && `, ${busy} busy`}
          </dd>
        </div>
      </dl>
      {(target.hints ?? []).map((hint) => (
        <p key={hint} className="compute-hint" role="note" data-testid={`compute-hint-${target.name}`}>
          {hint}
        </p>
      ))}
      <WorkerTable target={target.name} workers={target.workers} now={now} />
    </article>
  );
}
