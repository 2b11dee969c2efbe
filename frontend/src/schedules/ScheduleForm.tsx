/**
 * The form that creates a schedule: what it runs (endpoint, version, parameters prefilled with the
 * version's defaults), when (recurrence or cron, time zone, start, end) and what happens after
 * downtime. Problems found here or by the server show next to the field they name.
 */
import { useState, type FormEvent } from 'react';
import { CATCH_UPS } from '../api/enums';
import type { Schedule } from '../api/models';
import { useCreateSchedule } from '../api/schedules';
import { ParamInputs } from '../endpoints/ParamInputs';
import { allShown, errorUnder, serverFieldErrors } from '../shared/fieldErrors';
import { FormField } from '../shared/FormField';
import { EndpointPicker, useVersionParameters } from './EndpointPicker';
import { emptyScheduleForm, scheduleFormToBody, textsWithDefaults, type ScheduleForm as Form } from './scheduleForm';
import { ScheduleTiming } from './ScheduleTiming';
import { browserTimeZone } from './timingWords';

const CATCH_UP_WORDS: Record<string, string> = {
  none: 'Skip them',
  latest: 'Run the latest once',
  all: 'Run them all',
};

const SHOWN_FIELDS = ['name', 'endpoint', 'version', 'recurrence', 'cron', 'time_zone', 'start_at', 'end_at', 'parameters', 'experiment', 'catch_up', 'max_catch_up', 'max_concurrent'];

interface ScheduleFormProps {
  endpoint?: string;
  onDone: (created: Schedule | null) => void;
}

export function ScheduleForm({ endpoint = '', onDone }: ScheduleFormProps) {
  const [form, setForm] = useState<Form>(() => emptyScheduleForm(endpoint, browserTimeZone()));
  const [local, setLocal] = useState<{ errors: Record<string, string>; params: Record<string, string> }>({ errors: {}, params: {} });
  const create = useCreateSchedule();
  const parameters = useVersionParameters(form.endpoint, form.version);
  const server = serverFieldErrors(create.error);
  const errors = Object.keys(local.errors).length > 0 ? local.errors : server;

  const change = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found, paramErrors } = scheduleFormToBody(form, parameters);
    setLocal({ errors: found, params: paramErrors });
    if (Object.keys(found).length > 0 || Object.keys(paramErrors).length > 0) return;
    create.mutate(body, { onSuccess: (schedule) => onDone(schedule) });
  };

  return (
    <form className="panel-form schedule-form" onSubmit={submit} aria-label="New schedule" noValidate>
      <h2>New schedule</h2>
      <fieldset className="form-section">
        <legend>What</legend>
        <div className="schedule-grid">
          <FormField label="Name" error={errors.name} hint="Unique; e.g. nightly-retrain">
            {(control) => <input {...control} value={form.name} autoFocus onChange={(event) => change('name', event.target.value)} />}
          </FormField>
          <EndpointPicker
            endpoint={form.endpoint}
            version={form.version}
            errors={errors}
            onEndpoint={(name) => setForm((current) => ({ ...current, endpoint: name, version: '', params: {} }))}
            onVersion={(version) => setForm((current) => ({ ...current, version, params: {} }))}
          />
          <FormField label="Experiment (optional)" error={errors.experiment} hint="Default: the endpoint’s name">
            {(control) => <input {...control} value={form.experiment} onChange={(event) => change('experiment', event.target.value)} />}
          </FormField>
        </div>
      </fieldset>
      <ScheduleTiming form={form} errors={errors} change={change} />
      <fieldset className="form-section">
        <legend>Parameters</legend>
        {form.endpoint ? (
          <ParamInputs
            parameters={parameters}
            texts={textsWithDefaults(form.params, parameters)}
            errors={local.params}
            onChange={(name, text) => change('params', { ...form.params, [name]: text })}
          />
        ) : (
          <p className="muted">Choose an endpoint to see its parameters.</p>
        )}
        {errorUnder(errors, 'parameters') && (
          <p className="form-error field-error" role="alert">
            {errorUnder(errors, 'parameters')}
          </p>
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>Limits</legend>
        <div className="schedule-grid">
          <FormField label="Ticks missed while down" error={errors.catch_up} hint="When no scheduler ran for a while">
            {(control) => (
              <select {...control} value={form.catchUp} onChange={(event) => change('catchUp', event.target.value as Form['catchUp'])}>
                {CATCH_UPS.map((policy) => (
                  <option key={policy} value={policy}>
                    {CATCH_UP_WORDS[policy]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {form.catchUp === 'all' && (
            <FormField label="At most (missed ticks)" error={errors.max_catch_up} hint="Blank: all of them">
              {(control) => <input {...control} inputMode="numeric" value={form.maxCatchUp} onChange={(event) => change('maxCatchUp', event.target.value)} />}
            </FormField>
          )}
          <FormField label="Max concurrent runs" error={errors.max_concurrent} hint="A tick while this many run is skipped; blank: no limit">
            {(control) => <input {...control} inputMode="numeric" value={form.maxConcurrent} onChange={(event) => change('maxConcurrent', event.target.value)} />}
          </FormField>
        </div>
      </fieldset>
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
          {create.isPending ? 'Creating…' : 'Create schedule'}
        </button>
      </div>
    </form>
  );
}
