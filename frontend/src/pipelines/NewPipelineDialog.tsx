/**
 * "New pipeline": asks a name (required) and a description before creating the pipeline, then
 * opens it in the designer. Checked as typed after the first try; a server refusal is shown
 * next to its field when it names one. Esc or Cancel closes.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreatePipeline } from '../api/pipelines';
import { FormField } from '../shared/FormField';
import { allShown, serverFieldErrors } from '../shared/fieldErrors';
import { describeFailure } from '../shared/format';
import { checkNewPipeline, newPipelineBody, type NewPipelineForm } from './newPipeline';

export function NewPipelineDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const navigate = useNavigate();
  const create = useCreatePipeline();
  const [form, setForm] = useState<NewPipelineForm>({ name: '', description: '' });
  const [tried, setTried] = useState(false);
  const local = tried ? checkNewPipeline(form) : {};
  const server = create.error ? serverFieldErrors(create.error) : {};
  const nameError = local.name ?? server.name;
  const descriptionError = local.description ?? server.description;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(checkNewPipeline(form)).length > 0) return;
    create.mutate(newPipelineBody(form), {
      onSuccess: (pipeline) => navigate(`/pipelines/${encodeURIComponent(String(pipeline.id))}`),
    });
  };
  const update = (field: keyof NewPipelineForm, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    if (create.error) create.reset();
  };

  return (
    <div className="pw-dialog-backdrop" onClick={onClose}>
      <div
        className="pw-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="new-pipeline-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id={titleId}>New pipeline</h2>
        <form onSubmit={submit} noValidate>
          <FormField label="Name" error={nameError}>
            {(control) => (
              <input
                {...control}
                name="name"
                autoFocus
                autoComplete="off"
                value={form.name}
                placeholder="e.g. Churn prediction"
                onChange={(event) => update('name', event.target.value)}
              />
            )}
          </FormField>
          <FormField label="Description" error={descriptionError} hint="Optional: what the pipeline is for.">
            {(control) => (
              <textarea
                {...control}
                name="description"
                rows={3}
                value={form.description}
                onChange={(event) => update('description', event.target.value)}
              />
            )}
          </FormField>
          {create.error && !allShown(server, ['name', 'description']) && (
            <p className="form-error" role="alert">
              Could not create the pipeline: {describeFailure(create.error)}
            </p>
          )}
          <div className="pw-dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
