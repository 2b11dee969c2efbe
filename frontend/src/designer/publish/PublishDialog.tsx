/**
 * "Publish": saves unsaved edits, then freezes the pipeline as a new version of an endpoint (an
 * existing one picked from the list, or a new name). Says which endpoint version was made and
 * links to its page; a refused publish shows its problems here.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useEndpoints } from '../../api/endpoints';
import type { EntityId } from '../../api/models';
import { usePublishPipeline } from '../../api/pipelineVersions';
import { endpointNameProblem } from '../../endpoints/endpointNames';
import { useDesignerView } from '../viewStore';
import { publishProblems } from './publishErrors';

interface PublishDialogProps {
  pipelineId: EntityId;
  /** Saves unsaved edits first; false when that failed (the notice line says why). */
  save: () => Promise<boolean>;
}

export function PublishDialog(props: PublishDialogProps) {
  const open = useDesignerView((s) => s.overlay === 'publish');
  return open ? <PublishForm {...props} /> : null;
}

function PublishForm({ pipelineId, save }: PublishDialogProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const endpoints = useEndpoints();
  const publish = usePublishPipeline(pipelineId);
  const close = () => useDesignerView.getState().open(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && useDesignerView.getState().open(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const trimmed = name.trim();
  const nameProblem = endpointNameProblem(trimmed);
  const existing = endpoints.data?.find((endpoint) => endpoint.name === trimmed);
  const problems = publishProblems(publish.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameProblem) return;
    setSaveFailed(false);
    if (!(await save())) {
      setSaveFailed(true);
      return;
    }
    publish.mutate({ endpoint: trimmed, description: description.trim() });
  };

  const published = publish.data;
  const nameError = (touched && nameProblem) || problems.endpoint;

  return (
    <div className="pw-dialog-backdrop" onClick={close}>
      <div className="pw-dialog publish-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onClick={(event) => event.stopPropagation()} data-testid="publish-dialog">
        <h2 id={`${id}-title`}>Publish as an endpoint</h2>
        {published ? (
          <div role="status" data-testid="publish-result">
            <p>
              Published <strong>{published.endpoint}</strong> version <strong>v{published.version}</strong> (pipeline version{' '}
              {published.pipeline_version}).
            </p>
            <p className="muted">
              {published.default_version === published.version
                ? 'It is the default version: calls to the endpoint run it.'
                : `Calls still run the default version, v${published.default_version}; make v${published.version} the default on the endpoint page when you are ready.`}
            </p>
            <div className="pw-dialog-actions">
              <button type="button" onClick={close}>
                Close
              </button>
              <Link className="button-link primary-link" to={`/endpoints/${encodeURIComponent(published.endpoint)}`} onClick={close}>
                Open endpoint {published.endpoint}
              </Link>
            </div>
          </div>
        ) : (
          <form onSubmit={(event) => void submit(event)} noValidate>
            <p className="muted">
              Publishing freezes the pipeline as it is now. Later edits never change a published version.
            </p>
            <div className="field">
              <label htmlFor={`${id}-name`}>Endpoint</label>
              <input
                id={`${id}-name`}
                list={`${id}-endpoints`}
                value={name}
                autoFocus
                autoComplete="off"
                placeholder="e.g. diabetes-nightly"
                aria-invalid={nameError ? true : undefined}
                aria-describedby={`${id}-name-help`}
                onChange={(event) => setName(event.target.value)}
                onBlur={() => setTouched(trimmed !== '')}
              />
              <datalist id={`${id}-endpoints`}>
                {endpoints.data?.map((endpoint) => <option key={endpoint.name} value={endpoint.name} />)}
              </datalist>
              <span id={`${id}-name-help`} className={nameError ? 'form-error field-error' : 'muted field-hint'}>
                {nameError ||
                  (existing
                    ? `Adds a new version to the existing endpoint ${existing.name} (now ${existing.versions.length} version${existing.versions.length === 1 ? '' : 's'}).`
                    : trimmed
                      ? 'A new endpoint.'
                      : 'Pick an existing endpoint or type a new name: lower-case letters, digits, - and _.')}
              </span>
            </div>
            <div className="field">
              <label htmlFor={`${id}-description`}>Description</label>
              <textarea id={`${id}-description`} rows={3} value={description} onChange={(event) => setDescription(event.target.value)} placeholder="What this version changes" />
              {problems.description && <span className="form-error field-error">{problems.description}</span>}
            </div>
            {saveFailed && (
              <p className="form-error" role="alert">
                Could not save the pipeline first; see the notice above the canvas.
              </p>
            )}
            {problems.general.length > 0 && (
              <div className="form-error publish-problems" role="alert">
                <p>The pipeline could not be published:</p>
                <ul>
                  {problems.general.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            )}
            <div className="pw-dialog-actions">
              <button type="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={publish.isPending}>
                {publish.isPending ? 'Publishing…' : 'Publish'}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
