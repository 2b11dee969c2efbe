/** The form that declares a new compute target; the server's validation shows next to each field. */
import { useId, useState, type FormEvent } from 'react';
import { useCreateComputeTarget } from '../api/compute';
import { EMPTY_TARGET_FORM, errorFor, fieldErrors, targetFormToBody, type TargetForm } from './computeFormat';

interface FieldProps {
  form: TargetForm;
  field: keyof TargetForm;
  label: string;
  errors: Record<string, string>;
  onChange: (field: keyof TargetForm, value: string) => void;
  type?: 'text' | 'number';
  hint?: string;
}

function Field({ form, field, label, errors, onChange, type = 'text', hint }: FieldProps) {
  const id = useId();
  const error = errorFor(errors, field);
  return (
    <div className={`field compute-field-${field}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={field}
        type={type}
        min={type === 'number' ? 0 : undefined}
        value={form[field]}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(field, event.target.value)}
      />
      {hint && !error && <span className="muted field-hint">{hint}</span>}
      {error && (
        <span id={`${id}-error`} className="form-error field-error">
          {error}
        </span>
      )}
    </div>
  );
}

const FIELDS = Object.keys(EMPTY_TARGET_FORM) as (keyof TargetForm)[];

export function CreateTargetForm({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState<TargetForm>(EMPTY_TARGET_FORM);
  const create = useCreateComputeTarget();
  const errors = fieldErrors(create.error);
  const shownByField = FIELDS.some((field) => errorFor(errors, field));
  const change = (field: keyof TargetForm, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(targetFormToBody(form), { onSuccess: onDone });
  };

  const common = { form, errors, onChange: change };
  return (
    <form className="compute-create" onSubmit={submit} aria-label="New compute target" noValidate>
      <h2>New compute target</h2>
      <div className="compute-create-grid">
        <Field {...common} field="name" label="Name" hint="Lower-case letters, digits, - and _" />
        <Field {...common} field="description" label="Description" />
        <Field {...common} field="cpus" label="CPUs" type="number" />
        <Field {...common} field="memory_mb" label="Memory (MB)" type="number" />
        <Field {...common} field="gpus" label="GPUs" type="number" />
        <Field {...common} field="concurrency" label="Concurrency" type="number" hint="Node runs at once per worker" />
      </div>
      {create.error && !shownByField && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="compute-create-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create target'}
        </button>
      </div>
    </form>
  );
}
