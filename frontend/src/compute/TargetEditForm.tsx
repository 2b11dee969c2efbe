/** Inline edit of a target's description and concurrency (PATCH). */
import { useId, useState, type FormEvent } from 'react';
import { useUpdateComputeTarget, type ComputeTarget } from '../api/compute';
import { fieldErrors } from './computeFormat';

export function TargetEditForm({ target, onDone }: { target: ComputeTarget; onDone: () => void }) {
  const id = useId();
  const [description, setDescription] = useState(target.description);
  const [concurrency, setConcurrency] = useState(String(target.concurrency));
  const update = useUpdateComputeTarget(target.name);
  const errors = fieldErrors(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = concurrency.trim();
    update.mutate(
      { description: description.trim(), ...(trimmed === '' ? {} : { concurrency: Number(trimmed) }) },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="compute-edit" onSubmit={submit} aria-label={`Edit ${target.name}`} noValidate>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input id={`${id}-description`} value={description} onChange={(event) => setDescription(event.target.value)} />
        {errors.description && <span className="form-error field-error">{errors.description}</span>}
      </div>
      <div className="field compute-edit-concurrency">
        <label htmlFor={`${id}-concurrency`}>Concurrency</label>
        <input
          id={`${id}-concurrency`}
          type="number"
          min={1}
          value={concurrency}
          onChange={(event) => setConcurrency(event.target.value)}
        />
        {errors.concurrency && <span className="form-error field-error">{errors.concurrency}</span>}
      </div>
      {update.error && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
      <div className="compute-edit-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={update.isPending}>
          Save
        </button>
      </div>
    </form>
  );
}
