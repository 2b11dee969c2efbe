/** The "When" part of the schedule form: recurrence or cron, time zone, start and end. */
import { FREQUENCIES } from '../api/enums';
import { FormField } from '../shared/FormField';
import { errorUnder } from '../shared/fieldErrors';
import { recurrenceFields, WEEK_DAYS, type ScheduleForm } from './scheduleForm';
import { TimeZoneInput } from './TimeZoneField';

const UNIT: Record<string, string> = { minute: 'minutes', hour: 'hours', day: 'days', week: 'weeks', month: 'months' };

interface Props {
  form: ScheduleForm;
  errors: Record<string, string>;
  change: <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) => void;
}

function Recurrence({ form, errors, change }: Props) {
  const fields = recurrenceFields(form.frequency);
  const general = errors.recurrence;
  const toggleDay = (day: string) =>
    change('weekDays', form.weekDays.includes(day) ? form.weekDays.filter((item) => item !== day) : [...form.weekDays, day]);
  return (
    <>
      <div className="schedule-grid">
        <FormField label="Repeat every" error={errorUnder(errors, 'recurrence.interval')}>
          {(control) => (
            <div className="inline-controls">
              <input {...control} className="narrow" inputMode="numeric" value={form.interval} onChange={(event) => change('interval', event.target.value)} />
              <select aria-label="Frequency" value={form.frequency} onChange={(event) => change('frequency', event.target.value as ScheduleForm['frequency'])}>
                {FREQUENCIES.map((frequency) => (
                  <option key={frequency} value={frequency}>
                    {UNIT[frequency]}
                  </option>
                ))}
              </select>
            </div>
          )}
        </FormField>
        {fields.times && (
          <FormField label="At hours" error={errorUnder(errors, 'recurrence.hours')} hint="0–23, e.g. 9, 17">
            {(control) => <input {...control} value={form.hours} onChange={(event) => change('hours', event.target.value)} />}
          </FormField>
        )}
        {fields.times && (
          <FormField label="At minutes" error={errorUnder(errors, 'recurrence.minutes')} hint="0–59, e.g. 0, 30">
            {(control) => <input {...control} value={form.minutes} onChange={(event) => change('minutes', event.target.value)} />}
          </FormField>
        )}
      </div>
      {!fields.times && <p className="muted field-hint">Counted from the start, so the gap stays the same across clock changes.</p>}
      {form.frequency === 'month' && <p className="muted field-hint">Fires on the start date’s day of the month (the last day in shorter months).</p>}
      {fields.weekDays && (
        <fieldset className="week-days" aria-describedby={errorUnder(errors, 'recurrence.week_days') ? 'week-days-error' : undefined}>
          <legend>On</legend>
          {WEEK_DAYS.map((day) => (
            <label key={day}>
              <input type="checkbox" checked={form.weekDays.includes(day)} onChange={() => toggleDay(day)} /> {day.slice(0, 3)}
            </label>
          ))}
          {errorUnder(errors, 'recurrence.week_days') && (
            <span id="week-days-error" className="form-error field-error">
              {errorUnder(errors, 'recurrence.week_days')}
            </span>
          )}
        </fieldset>
      )}
      {general && (
        <p className="form-error field-error" role="alert">
          {general}
        </p>
      )}
    </>
  );
}

export function ScheduleTiming(props: Props) {
  const { form, errors, change } = props;
  return (
    <fieldset className="form-section">
      <legend>When</legend>
      <div className="mode-switch" role="radiogroup" aria-label="Timing">
        {(['recurrence', 'cron'] as const).map((mode) => (
          <label key={mode}>
            <input type="radio" name="timing-mode" checked={form.mode === mode} onChange={() => change('mode', mode)} />{' '}
            {mode === 'recurrence' ? 'Recurrence' : 'Cron expression'}
          </label>
        ))}
      </div>
      {form.mode === 'recurrence' ? (
        <Recurrence {...props} />
      ) : (
        <FormField label="Cron" error={errors.cron} hint="minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5; or @daily, @hourly">
          {(control) => <input {...control} className="code-input" value={form.cron} onChange={(event) => change('cron', event.target.value)} />}
        </FormField>
      )}
      <div className="schedule-grid">
        <FormField label="Time zone" error={errors.time_zone} hint="Times are wall-clock times in this zone.">
          {(control) => <TimeZoneInput {...control} value={form.timeZone} onChange={(value) => change('timeZone', value)} />}
        </FormField>
        <FormField label="Start (optional)" error={errors.start_at} hint="In the schedule’s time zone; default: now.">
          {(control) => <input {...control} type="datetime-local" value={form.startAt} onChange={(event) => change('startAt', event.target.value)} />}
        </FormField>
        <FormField label="End (optional)" error={errors.end_at}>
          {(control) => <input {...control} type="datetime-local" value={form.endAt} onChange={(event) => change('endAt', event.target.value)} />}
        </FormField>
      </div>
    </fieldset>
  );
}
