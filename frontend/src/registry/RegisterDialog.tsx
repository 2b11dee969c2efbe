/**
 * "Register component": upload a .zip of a component folder. A rejected spec lists its problems
 * field by field; a name@version taken by other content says so; success opens the new page.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRegisterComponent } from '../api/components';
import { componentPagePath } from './ComponentCard';
import { issueLocation, registerFailure, type RegisterFailure } from './registerErrors';

function FailureMessage({ failure }: { failure: RegisterFailure }) {
  if (failure.kind === 'invalid' && failure.issues.length > 0) {
    return (
      <div className="register-errors" role="alert">
        <p>The component spec has {failure.issues.length === 1 ? 'a problem' : `${failure.issues.length} problems`}:</p>
        <ul>
          {failure.issues.map((issue, index) => (
            <li key={index} data-testid="spec-error">
              <code>{issueLocation(issue)}</code>: {issue.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className={`register-errors${failure.kind === 'conflict' ? ' register-conflict' : ''}`} role="alert">
      <p>{failure.message}</p>
    </div>
  );
}

export function RegisterDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const inputId = useId();
  const [archive, setArchive] = useState<File | null>(null);
  const register = useRegisterComponent();
  const navigate = useNavigate();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!archive) return;
    register.mutate(archive, {
      onSuccess: (component) => navigate(componentPagePath(component.name, component.version)),
    });
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Register component</h2>
        <p className="muted">
          A .zip of the component folder: its <code>component.yaml</code> and code. A new <code>name@version</code> is
          added to the registry; registering the same content again is harmless.
        </p>
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={inputId}>Component archive (.zip)</label>
            <input
              id={inputId}
              name="archive"
              type="file"
              accept=".zip,application/zip"
              onChange={(event) => {
                setArchive(event.target.files?.[0] ?? null);
                register.reset();
              }}
            />
          </div>
          {register.error && <FailureMessage failure={registerFailure(register.error)} />}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!archive || register.isPending}>
              {register.isPending ? 'Registering…' : 'Register'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
