/**
 * "New workspace…": asks a name (checked as typed after the first try, by the server's rule) and
 * a description, makes the workspace and works in it from then on. A server refusal (a name
 * taken) shows next to the name. Esc or Cancel closes.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { chooseWorkspace, WORKSPACE_NAME } from '../api/workspace';
import { useCreateWorkspace } from '../api/workspaces';
import { FormField } from '../shared/FormField';
import { serverFieldErrors } from '../shared/fieldErrors';
import { describeFailure } from '../shared/format';

/** Why `name` is not a workspace name, or undefined when it is. Pure. */
export function checkWorkspaceName(name: string): string | undefined {
  if (!name) return 'Give the workspace a name.';
  if (name.length > 63) return 'At most 63 characters.';
  if (!WORKSPACE_NAME.test(name)) return "Lower-case letters, digits and '-', starting with a letter.";
  return undefined;
}

export function NewWorkspaceDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const titleId = useId();
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const local = tried ? checkWorkspaceName(name) : undefined;
  const server = create.error ? (serverFieldErrors(create.error).name ?? describeFailure(create.error)) : undefined;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (checkWorkspaceName(name)) return;
    create.mutate(
      { name, description },
      {
        onSuccess: (workspace) => {
          chooseWorkspace(workspace.name);
          onCreated(workspace.name);
        },
      },
    );
  };

  return (
    <div className="pw-dialog-backdrop" onClick={onClose}>
      <div
        className="pw-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="new-workspace-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id={titleId}>New workspace</h2>
        <p className="muted">You become its owner and can add people to it. Pipelines, runs, datasets and models made in it stay in it.</p>
        <form onSubmit={submit} noValidate>
          <FormField label="Name" error={local ?? server} hint="Lower-case letters, digits and '-', starting with a letter.">
            {(control) => (
              <input
                {...control}
                name="name"
                autoFocus
                autoComplete="off"
                value={name}
                placeholder="e.g. churn-team"
                onChange={(event) => {
                  setName(event.target.value);
                  if (create.error) create.reset();
                }}
              />
            )}
          </FormField>
          <FormField label="Description" hint="Optional: who works in it, on what.">
            {(control) => (
              <textarea {...control} name="description" rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />
            )}
          </FormField>
          <div className="pw-dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create workspace'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
