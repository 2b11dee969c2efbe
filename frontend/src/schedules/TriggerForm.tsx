/** The form that creates a data trigger: the endpoint to run, the folder to watch and how. */
import { useState, type FormEvent } from 'react';
import type { DataTrigger } from '../api/models';
import { useCreateTrigger } from '../api/schedules';
import { ParamInputs } from '../endpoints/ParamInputs';
import { allShown, serverFieldErrors } from '../shared/fieldErrors';
import { FormField } from '../shared/FormField';
import { EndpointPicker, useVersionParameters } from './EndpointPicker';
import { textsWithDefaults } from './scheduleForm';
import { emptyTriggerForm, pathParameters, triggerFormToBody, type TriggerForm as Form } from './triggerForm';

const SHOWN_FIELDS = ['name', 'endpoint', 'version', 'path', 'glob', 'debounce_seconds', 'paths_parameter', 'parameters', 'datastore'];

export function TriggerForm({ onDone }: { onDone: (created: DataTrigger | null) => void }) {
  const [form, setForm] = useState<Form>(() => emptyTriggerForm(''));
  const [local, setLocal] = useState<{ errors: Record<string, string>; params: Record<string, string> }>({ errors: {}, params: {} });
  const create = useCreateTrigger();
  const parameters = useVersionParameters(form.endpoint, form.version);
  const server = serverFieldErrors(create.error);
  const errors = Object.keys(local.errors).length > 0 ? local.errors : server;
  const change = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));
  const fixed = parameters.filter((parameter) => parameter.name !== form.pathsParameter);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found, paramErrors } = triggerFormToBody(form, parameters);
    setLocal({ errors: found, params: paramErrors });
    if (Object.keys(found).length > 0 || Object.keys(paramErrors).length > 0) return;
    create.mutate(body, { onSuccess: (trigger) => onDone(trigger) });
  };

  return (
    <form className="panel-form" onSubmit={submit} aria-label="New data trigger" noValidate>
      <h2>New data trigger</h2>
      <div className="schedule-grid">
        <FormField label="Name" error={errors.name}>
          {(control) => <input {...control} value={form.name} autoFocus onChange={(event) => change('name', event.target.value)} />}
        </FormField>
        <EndpointPicker
          endpoint={form.endpoint}
          version={form.version}
          errors={errors}
          onEndpoint={(name) => setForm((current) => ({ ...current, endpoint: name, version: '', params: {}, pathsParameter: '' }))}
          onVersion={(version) => setForm((current) => ({ ...current, version, params: {} }))}
        />
        <FormField label="Folder" error={errors.path} hint="Inside a data root; a relative path is inside the first one.">
          {(control) => <input {...control} className="code-input" value={form.path} onChange={(event) => change('path', event.target.value)} />}
        </FormField>
        <FormField label="File names (glob)" error={errors.glob} hint="e.g. *.csv">
          {(control) => <input {...control} className="code-input" value={form.glob} onChange={(event) => change('glob', event.target.value)} />}
        </FormField>
        <FormField label="Quiet time (seconds)" error={errors.debounce_seconds} hint="Fires once no file changed for this long.">
          {(control) => <input {...control} inputMode="numeric" value={form.debounceSeconds} onChange={(event) => change('debounceSeconds', event.target.value)} />}
        </FormField>
        <FormField label="Paths parameter" error={errors.paths_parameter} hint="Gets the changed paths as a JSON list.">
          {(control) => (
            <select {...control} value={form.pathsParameter} disabled={!form.endpoint} onChange={(event) => change('pathsParameter', event.target.value)}>
              <option value="">{form.endpoint && pathParameters(parameters).length === 0 ? 'No string parameter' : 'Choose a parameter'}</option>
              {pathParameters(parameters).map((parameter) => (
                <option key={parameter.name} value={parameter.name}>
                  {parameter.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <label className="checkbox-line">
        <input type="checkbox" checked={form.recursive} onChange={(event) => change('recursive', event.target.checked)} /> Watch sub-folders too
      </label>
      {form.endpoint && fixed.length > 0 && (
        <fieldset className="form-section">
          <legend>Other parameters</legend>
          <ParamInputs
            parameters={fixed}
            texts={textsWithDefaults(form.params, fixed)}
            errors={local.params}
            onChange={(name, text) => change('params', { ...form.params, [name]: text })}
          />
          {errors.parameters && <p className="form-error field-error">{errors.parameters}</p>}
        </fieldset>
      )}
      {create.error && !allShown(server, SHOWN_FIELDS) && Object.keys(local.errors).length === 0 && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create trigger'}
        </button>
      </div>
    </form>
  );
}
