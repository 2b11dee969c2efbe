/**
 * /compute: the compute targets with their resources, queues and live workers (polled every
 * few seconds), and the forms to declare, edit and remove targets.
 */
import './compute.css';
import { useState } from 'react';
import { useComputeTargets } from '../api/compute';
import { ErrorMessage } from '../shared/ErrorMessage';
import { CreateTargetForm } from './CreateTargetForm';
import { TargetCard } from './TargetCard';

export function ComputePage() {
  const targets = useComputeTargets();
  const [creating, setCreating] = useState(false);
  // "Last seen" is measured against the moment of the latest answer, so it moves with each poll.
  const now = targets.dataUpdatedAt;

  return (
    <div className="page compute-page">
      <div className="page-header">
        <h1>Compute</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New compute target
          </button>
        )}
      </div>
      {creating && <CreateTargetForm onDone={() => setCreating(false)} />}
      {targets.isPending && <p className="page-loading">Loading compute targets…</p>}
      {targets.isError && <ErrorMessage error={targets.error} onRetry={() => void targets.refetch()} />}
      {targets.data && targets.data.length === 0 && (
        <div className="empty-state">
          <p>No compute targets yet. Declare one to give pipeline steps somewhere to run.</p>
        </div>
      )}
      <div className="compute-list">
        {targets.data?.map((target) => (
          <TargetCard key={target.name} target={target} now={now} />
        ))}
      </div>
    </div>
  );
}
