/**
 * "Register as dataset" for one file of a datastore: the server reads it now, stores it as a
 * table, and it becomes the next version of the dataset named here; its page opens.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRegisterDataset } from '../api/datasets';
import { suggestDatasetName } from '../datasets/uploadRules';
import { datasetPagePath } from '../shared/catalogPaths';
import { allShown, serverFieldErrors } from '../shared/fieldErrors';
import { FormField } from '../shared/FormField';
import { nameProblem } from '../shared/names';
import { parseTags } from '../shared/tags';

interface RegisterFileDialogProps {
  datastore: string;
  path: string;
  onClose: () => void;
}

export function RegisterFileDialog({ datastore, path, onClose }: RegisterFileDialogProps) {
  const titleId = useId();
  const navigate = useNavigate();
  const register = useRegisterDataset();
  const [name, setName] = useState(() => suggestDatasetName(path.split('/').pop() ?? path));
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const errors = serverFieldErrors(register.error);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const badName = nameProblem(name.trim(), 'dataset');
    setNameError(badName);
    if (badName) return;
    register.mutate(
      { name: name.trim(), datastore, path, description: description.trim(), tags: parseTags(tags) },
      { onSuccess: (version) => navigate(datasetPagePath(version.name, version.version)) },
    );
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="register-file-dialog">
        <h2 id={titleId}>Register as dataset</h2>
        <p className="muted">
          <code>
            {datastore}:{path}
          </code>{' '}
          is read now and kept as a version: later changes to the file do not change it.
        </p>
        <form onSubmit={submit} noValidate>
          <FormField label="Name" error={nameError ?? errors.name} hint="A name already taken gets a new version.">
            {(control) => (
              <input
                {...control}
                value={name}
                autoFocus
                onChange={(event) => {
                  setName(event.target.value);
                  setNameError(null);
                }}
              />
            )}
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
              {register.isPending ? 'Reading the file…' : 'Register'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
