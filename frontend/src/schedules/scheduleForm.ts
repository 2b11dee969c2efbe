/**
 * The schedule form as typed (every field text, as inputs hold them) and as the API takes it.
 * What can be checked here is, with each message keyed by the API field it is about, so it shows
 * where the server's own 400 for that field would. Pure.
 */
import type { CatchUp, EndpointParameter, Frequency, ScheduleInput } from '../api/models';
import { paramValues, type ParamTexts } from '../endpoints/paramForm';
import type { RecurrenceLike } from './timingWords';
import { wallTimeToIso } from './timingWords';

export const WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export type TimingMode = 'recurrence' | 'cron';

export interface ScheduleForm {
  name: string;
  endpoint: string;
  /** '' for "whatever version is the default when it fires". */
  version: string;
  mode: TimingMode;
  frequency: Frequency;
  interval: string;
  hours: string;
  minutes: string;
  weekDays: string[];
  cron: string;
  timeZone: string;
  /** `datetime-local` texts, read in the schedule's time zone. */
  startAt: string;
  endAt: string;
  /** Only the values typed over the defaults; the rest show the version's defaults. */
  params: ParamTexts;
  experiment: string;
  catchUp: CatchUp;
  maxCatchUp: string;
  maxConcurrent: string;
}

export function emptyScheduleForm(endpoint: string, timeZone: string): ScheduleForm {
  return {
    name: '',
    endpoint,
    version: '',
    mode: 'recurrence',
    frequency: 'day',
    interval: '1',
    hours: '9',
    minutes: '0',
    weekDays: [],
    cron: '',
    timeZone,
    startAt: '',
    endAt: '',
    params: {},
    experiment: '',
    catchUp: 'none',
    maxCatchUp: '',
    maxConcurrent: '1',
  };
}

/** Which recurrence fields a frequency takes (the server refuses the others). */
export function recurrenceFields(frequency: Frequency): { times: boolean; weekDays: boolean } {
  return { times: frequency === 'day' || frequency === 'week' || frequency === 'month', weekDays: frequency === 'week' };
}

/** "9, 17" → [9, 17]; blank → null; anything else → an error. */
export function parseNumberList(text: string, highest: number): number[] | null | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const values = trimmed.split(/[\s,]+/).filter(Boolean);
  const numbers = values.map(Number);
  if (values.some((value) => !/^\d+$/.test(value)) || numbers.some((value) => value > highest)) {
    return { error: `Whole numbers from 0 to ${highest}, separated by commas.` };
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** A blank number input means "not given"; otherwise a whole number of at least `least`. */
function optionalWhole(text: string, least: number): number | null | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < least) return { error: `A whole number of at least ${least}, or blank.` };
  return Number(trimmed);
}

function isError(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

function recurrenceOf(form: ScheduleForm, errors: Record<string, string>): RecurrenceLike | undefined {
  const interval = optionalWhole(form.interval, 1);
  if (isError(interval)) errors['recurrence.interval'] = interval.error;
  const recurrence: RecurrenceLike = { frequency: form.frequency, interval: typeof interval === 'number' ? interval : 1 };
  const fields = recurrenceFields(form.frequency);
  if (fields.times) {
    const hours = parseNumberList(form.hours, 23);
    const minutes = parseNumberList(form.minutes, 59);
    if (isError(hours)) errors['recurrence.hours'] = hours.error;
    else if (hours) recurrence.hours = hours;
    if (isError(minutes)) errors['recurrence.minutes'] = minutes.error;
    else if (minutes) recurrence.minutes = minutes;
  }
  if (fields.weekDays && form.weekDays.length > 0) {
    recurrence.week_days = WEEK_DAYS.filter((day) => form.weekDays.includes(day));
  }
  return recurrence;
}

export interface ScheduleBody {
  body: ScheduleInput;
  errors: Record<string, string>;
  /** Errors of single parameter values, by parameter name. */
  paramErrors: Record<string, string>;
}

export function scheduleFormToBody(form: ScheduleForm, parameters: readonly EndpointParameter[]): ScheduleBody {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = 'Give the schedule a name.';
  if (!form.endpoint) errors.endpoint = 'Pick the endpoint to run.';
  const body: ScheduleInput = {
    name: form.name.trim(),
    endpoint: form.endpoint,
    version: form.version ? Number(form.version) : null,
    time_zone: form.timeZone.trim() || 'UTC',
    catch_up: form.catchUp,
  };
  if (form.mode === 'cron') {
    if (!form.cron.trim()) errors.cron = 'Five fields (minute hour day month weekday), or @daily, @hourly…';
    body.cron = form.cron.trim();
    body.recurrence = null;
  } else {
    body.recurrence = recurrenceOf(form, errors) as ScheduleInput['recurrence'];
    body.cron = null;
  }
  for (const [key, text] of [['start_at', form.startAt], ['end_at', form.endAt]] as const) {
    if (!text.trim()) continue;
    const iso = wallTimeToIso(text, body.time_zone ?? 'UTC');
    if (iso) body[key] = iso;
    else errors[key] = 'A date and time, in the schedule’s time zone.';
  }
  const maxConcurrent = optionalWhole(form.maxConcurrent, 1);
  if (isError(maxConcurrent)) errors.max_concurrent = maxConcurrent.error;
  else body.max_concurrent = maxConcurrent;
  if (form.catchUp === 'all') {
    const maxCatchUp = optionalWhole(form.maxCatchUp, 1);
    if (isError(maxCatchUp)) errors.max_catch_up = maxCatchUp.error;
    else body.max_catch_up = maxCatchUp;
  }
  if (form.experiment.trim()) body.experiment = form.experiment.trim();
  const { values, errors: paramErrors } = paramValues(parameters, textsWithDefaults(form.params, parameters));
  body.parameters = values;
  return { body, errors, paramErrors };
}

/** The parameter texts shown: what was typed, else the version's defaults. */
export function textsWithDefaults(typed: ParamTexts, parameters: readonly EndpointParameter[]): ParamTexts {
  const texts: ParamTexts = {};
  for (const parameter of parameters) {
    const fallback = parameter.default == null ? '' : typeof parameter.default === 'string' ? parameter.default : JSON.stringify(parameter.default);
    texts[parameter.name] = parameter.name in typed ? typed[parameter.name]! : fallback;
  }
  return texts;
}
