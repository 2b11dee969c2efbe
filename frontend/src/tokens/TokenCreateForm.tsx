/** The form that creates an API token: name, kind, what it may do, when it stops working. */
import { useState, type FormEvent } from 'react';
import { useEndpoints } from '../api/endpoints';
import { TOKEN_KINDS } from '../api/enums';
import { useInferenceEndpoints } from '../api/inference';
import type { ApiTokenCreated } from '../api/models';
import { useCreateToken } from '../api/tokens';
import { allShown, serverFieldErrors } from '../shared/fieldErrors';
import { FormField } from '../shared/FormField';
import { EMPTY_TOKEN_FORM, tokenFormToBody, type TokenForm } from './tokenForm';

interface TokenCreateFormProps {
  onDone: (created: ApiTokenCreated | null) => void;
  /** The form to start from (a link may ask for a scope); empty when left out. */
  initial?: TokenForm;
}

export function TokenCreateForm({ onDone, initial = EMPTY_TOKEN_FORM }: TokenCreateFormProps) {
  const [form, setForm] = useState<TokenForm>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useCreateToken();
  const endpoints = useEndpoints();
  const inference = useInferenceEndpoints();
  const server = serverFieldErrors(create.error);
  const errors = Object.keys(local).length > 0 ? local : server;
  const change = <K extends keyof TokenForm>(key: K, value: TokenForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found } = tokenFormToBody(form, Date.now());
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(body, { onSuccess: (token) => onDone(token) });
  };

  return (
    <form className="panel-form" onSubmit={submit} aria-label="New API token" noValidate>
      <h2>New API token</h2>
      <div className="schedule-grid">
        <FormField label="Name" error={errors.name} hint="Tells your tokens apart, e.g. nightly-ci">
          {(control) => <input {...control} value={form.name} autoFocus maxLength={100} onChange={(event) => change('name', event.target.value)} />}
        </FormField>
        <FormField label="Kind" error={errors.kind} hint="Only a label: both work alike.">
          {(control) => (
            <select {...control} value={form.kind} onChange={(event) => change('kind', event.target.value as TokenForm['kind'])}>
              {TOKEN_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind === 'personal' ? 'Personal' : 'Service (a script or system)'}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Expires (optional)" error={errors.expires_at} hint="Works until the end of that day; blank: never.">
          {(control) => <input {...control} type="date" value={form.expires} onChange={(event) => change('expires', event.target.value)} />}
        </FormField>
      </div>
      <fieldset className="form-section">
        <legend>It may</legend>
        <label className="checkbox-line">
          <input type="radio" name="token-scope" checked={form.scope === 'all'} onChange={() => change('scope', 'all')} /> Do everything you may do
        </label>
        <br />
        <label className="checkbox-line">
          <input type="radio" name="token-scope" checked={form.scope === 'endpoint'} onChange={() => change('scope', 'endpoint')} /> Only run one endpoint
        </label>
        {form.scope === 'endpoint' && (
          <FormField label="Endpoint" error={errors.scopes} hint={endpoints.data?.length === 0 ? 'No endpoint exists yet: publish a pipeline first.' : undefined}>
            {(control) => (
              <select {...control} value={form.endpoint} onChange={(event) => change('endpoint', event.target.value)}>
                <option value="">Choose an endpoint</option>
                {endpoints.data?.map((endpoint) => (
                  <option key={endpoint.name} value={endpoint.name}>
                    {endpoint.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <br />
        <label className="checkbox-line">
          <input type="radio" name="token-scope" checked={form.scope === 'inference'} onChange={() => change('scope', 'inference')} /> Only score
          rows on one real-time endpoint
        </label>
        {form.scope === 'inference' && (
          <FormField
            label="Real-time endpoint"
            error={errors.scopes}
            hint={inference.data?.length === 0 ? 'No real-time endpoint exists yet: deploy an inference pipeline first.' : undefined}
          >
            {(control) => (
              <select {...control} value={form.inference} onChange={(event) => change('inference', event.target.value)}>
                <option value="">Choose a real-time endpoint</option>
                {inference.data?.map((endpoint) => (
                  <option key={endpoint.name} value={endpoint.name}>
                    {endpoint.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {form.scope === 'all' && errors.scopes && <p className="form-error field-error">{errors.scopes}</p>}
      </fieldset>
      {create.error && !allShown(server, ['name', 'kind', 'scopes', 'expires_at']) && Object.keys(local).length === 0 && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
