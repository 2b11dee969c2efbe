/**
 * Edits how the requests that name no deployment are shared out: a whole percent per
 * deployment, adding up to 100, checked as typed; "All" gives one deployment everything (a
 * blue/green switch). Saving moves traffic at once and restarts nothing.
 */
import { useState, type FormEvent } from 'react';
import { useUpdateInferenceEndpoint } from '../api/inference';
import type { InferenceEndpoint } from '../api/models';
import { allTo, checkTraffic, trafficChanged, trafficDraft, type TrafficDraft } from './traffic';

export function TrafficEditor({ endpoint, onDone }: { endpoint: InferenceEndpoint; onDone: () => void }) {
  const [draft, setDraft] = useState<TrafficDraft>(() => trafficDraft(endpoint.deployments));
  const update = useUpdateInferenceEndpoint(endpoint.name);
  const check = checkTraffic(draft);
  const changed = trafficChanged(draft, endpoint.deployments);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check.shares || !changed) return;
    update.mutate({ traffic: check.shares }, { onSuccess: onDone });
  };

  return (
    <form className="panel-form traffic-editor" onSubmit={submit} aria-label="Traffic split" noValidate>
      <h3>Traffic split</h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>Deployment</th>
            <th>Share of requests</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {endpoint.deployments.map((deployment) => {
            const error = check.errors[deployment.name];
            const inputId = `traffic-${deployment.name}`;
            return (
              <tr key={deployment.name}>
                <td>
                  <label htmlFor={inputId}>{deployment.name}</label>
                </td>
                <td>
                  <input
                    id={inputId}
                    className="traffic-input"
                    inputMode="numeric"
                    value={draft[deployment.name] ?? ''}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-error` : undefined}
                    onChange={(event) => setDraft({ ...draft, [deployment.name]: event.target.value })}
                  />{' '}
                  %
                  {error && (
                    <span id={`${inputId}-error`} className="form-error field-error">
                      {' '}
                      {error}
                    </span>
                  )}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => setDraft(allTo(deployment.name, endpoint.deployments))} aria-label={`All traffic to ${deployment.name}`}>
                    All
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={check.problem ? 'form-error' : 'muted'} role={check.problem ? 'alert' : undefined} data-testid="traffic-total">
        {check.problem ?? `Total ${check.total}%.`}
      </p>
      {update.error && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!check.shares || !changed || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save traffic'}
        </button>
      </div>
    </form>
  );
}
