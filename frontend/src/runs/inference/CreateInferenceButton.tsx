/**
 * The run view's "Create inference pipeline": enabled once the run has completed (its trained
 * models are what the new pipeline predicts with); opens the dialog.
 */
import { useState } from 'react';
import type { Run, RunStatus } from '../../api/models';
import { CreateInferenceDialog } from './CreateInferenceDialog';

export function CreateInferenceButton({ run, status }: { run: Run; status: RunStatus }) {
  const [open, setOpen] = useState(false);
  const completed = status === 'completed';
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={!completed}
        title={completed ? 'Derive a pipeline that predicts with what this run trained' : 'Available once the run has completed'}
      >
        Create inference pipeline
      </button>
      {open && <CreateInferenceDialog run={run} onClose={() => setOpen(false)} />}
    </>
  );
}
