/**
 * "Register model" / "Register as dataset" for one output of a completed node: a name
 * (suggested), a description and tags; the server copies nothing, it records the output as the
 * next version. A refusal is said next to the field it concerns.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useRegisterDataset } from '../../api/datasets';
import { useRegisterModel } from '../../api/registeredModels';
import { allShown, serverFieldErrors } from '../../shared/fieldErrors';
import { FormField } from '../../shared/FormField';
import { nameProblem } from '../../shared/names';
import { parseTags } from '../../shared/tags';

export type RegisterKind = 'model' | 'dataset';

export interface Registered {
  kind: RegisterKind;
  name: string;
  version: number;
}

interface RegisterOutputDialogProps {
  kind: RegisterKind;
  runId: number;
  nodeId: string;
  port: string;
  suggestedName: string;
  onClose: () => void;
  onRegistered: (registered: Registered) => void;
}

function useRegister(kind: RegisterKind) {
  const model = useRegisterModel();
  const dataset = useRegisterDataset();
  return kind === 'model' ? model : dataset;
}

export function RegisterOutputDialog({ kind, runId, nodeId, port, suggestedName, onClose, onRegistered }: RegisterOutputDialogProps) {
  const titleId = useId();
  const register = useRegister(kind);
  const [name, setName] = useState(suggestedName);
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const errors = serverFieldErrors(register.error);
  const words = kind === 'model' ? 'model' : 'dataset';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const badName = nameProblem(name.trim(), words);
    setNameError(badName);
    if (badName) return;
    const body = { name: name.trim(), run: runId, node: nodeId, port, description: description.trim(), tags: parseTags(tags) };
    register.mutate(body, { onSuccess: (created) => onRegistered({ kind, name: created.name, version: created.version }) });
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={`register-${kind}-dialog`}>
        <h2 id={titleId}>{kind === 'model' ? 'Register model' : 'Register as dataset'}</h2>
        <p className="muted">
          {nodeId}.{port} of run {runId} becomes the next version of the {words} named below (version 1 of a new one).
        </p>
        <form onSubmit={submit} noValidate>
          <FormField label="Name" error={nameError ?? errors.name} hint={`An existing ${words}'s name adds a version to it.`}>
            {(control) => <input {...control} value={name} autoFocus maxLength={100} onChange={(event) => {
              setName(event.target.value);
              setNameError(null);
            }} />}
          </FormField>
          <FormField label="Description" error={errors.description}>
            {(control) => <textarea {...control} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />}
          </FormField>
          <FormField label="Tags" error={errors.tags} hint="Separated by commas.">
            {(control) => <input {...control} value={tags} onChange={(event) => setTags(event.target.value)} />}
          </FormField>
          {register.error && !allShown(errors, ['name', 'description', 'tags']) && (
            <p className="form-error" role="alert">
              {register.error.message}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={register.isPending}>
              {register.isPending ? 'Registering…' : 'Register'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
