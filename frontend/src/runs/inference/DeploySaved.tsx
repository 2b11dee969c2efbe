/**
 * "Deploy" after a real-time inference pipeline is saved: a new real-time endpoint serving it
 * (the pipeline frozen as it is, all the traffic to one deployment). Loading its models takes a
 * moment; then a link opens the endpoint, to try it.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCreateInferenceEndpoint } from '../../api/inference';
import type { DerivedPipeline } from '../../api/models';
import { FormField } from '../../shared/FormField';
import { nameProblem } from '../../shared/names';
import { endpointNameFrom } from './derivation';

export function DeploySaved({ saved }: { saved: DerivedPipeline }) {
  const pipeline = saved.pipeline;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(() => endpointNameFrom(pipeline?.name ?? ''));
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useCreateInferenceEndpoint();
  if (!pipeline) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name.trim(), 'endpoint');
    setNameError(problem);
    if (problem) return;
    create.mutate({ name: name.trim(), description: pipeline.description, deployments: [{ name: 'blue', pipeline: pipeline.id }] });
  };

  if (create.data) {
    const path = `/inference/${encodeURIComponent(create.data.name)}`;
    return (
      <div className="deploy-saved" data-testid="deploy-result">
        <p>
          Deployed to the real-time endpoint <strong>{create.data.name}</strong>: <code>POST {create.data.url}</code>.
        </p>
        <Link className="button-link" to={path}>
          Open endpoint {create.data.name}
        </Link>
      </div>
    );
  }
  if (!open) {
    return (
      <div className="deploy-saved">
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          Deploy
        </button>{' '}
        <span className="muted">as a real-time endpoint that answers rows over HTTP.</span>
      </div>
    );
  }
  return (
    <form className="deploy-saved" onSubmit={submit} aria-label="Deploy" noValidate>
      <FormField label="Endpoint name" error={nameError ?? undefined} hint="Part of its URL: /api/inference/<name>/score">
        {(control) => (
          <input
            {...control}
            value={name}
            maxLength={64}
            autoFocus
            onChange={(event) => {
              setName(event.target.value);
              setNameError(null);
            }}
          />
        )}
      </FormField>
      {create.error && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Deploying… (loading its models)' : 'Deploy'}
      </button>
    </form>
  );
}
