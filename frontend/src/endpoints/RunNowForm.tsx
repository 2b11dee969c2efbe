/** "Run now": calls the endpoint's default version with the values filled in, and links to the run. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCallEndpoint } from '../api/endpoints';
import type { Endpoint, EndpointParameter } from '../api/models';
import { serverFieldErrors } from '../shared/fieldErrors';
import { ParamInputs } from './ParamInputs';
import { initialTexts, paramValues, type ParamTexts } from './paramForm';

interface RunNowFormProps {
  endpoint: Endpoint;
  parameters: readonly EndpointParameter[];
}

export function RunNowForm({ endpoint, parameters }: RunNowFormProps) {
  const [texts, setTexts] = useState<ParamTexts>(() => initialTexts(parameters));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const call = useCallEndpoint(endpoint.name);
  const serverErrors = serverFieldErrors(call.error);
  const disabled = endpoint.enabled === false;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { values, errors } = paramValues(parameters, texts);
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    call.mutate({ parameters: values });
  };

  return (
    <section className="endpoint-section" aria-labelledby="run-now-title">
      <h2 id="run-now-title">Run now</h2>
      <form onSubmit={submit} aria-label="Run the endpoint now" noValidate>
        <ParamInputs
          parameters={parameters}
          texts={texts}
          errors={localErrors}
          onChange={(name, text) => setTexts((current) => ({ ...current, [name]: text }))}
        />
        {call.error && (
          <p className="form-error" role="alert">
            {serverErrors.parameters ?? call.error.message}
          </p>
        )}
        <div className="form-actions">
          {call.data && (
            <span className="form-success" role="status">
              Started <Link to={`/runs/${call.data.run_id}`}>run #{call.data.run_id}</Link> (v{call.data.version})
            </span>
          )}
          <button type="submit" className="primary" disabled={call.isPending || disabled} title={disabled ? 'Enable the endpoint to run it' : undefined}>
            {call.isPending ? 'Starting…' : 'Run now'}
          </button>
        </div>
      </form>
    </section>
  );
}
