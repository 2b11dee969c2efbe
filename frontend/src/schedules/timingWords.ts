/**
 * A schedule's timing in words ("every day at 09:00 (Europe/Berlin)", "every 2 hours"), and its
 * instants in the browser's time and in the schedule's zone. Pure (the clock and the browser's
 * zone are arguments).
 */
import type { ScheduleRecurrence } from '../api/models';

/** A recurrence as sent or received: the interval defaults to 1. */
export type RecurrenceLike = Omit<ScheduleRecurrence, 'interval'> & { interval?: number };

export interface Timing {
  cron?: string | null;
  recurrence?: RecurrenceLike | null;
  time_zone: string;
  start_at?: string | null;
}

const WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Cron counts days of the week from Sunday = 0 (7 too). */
const CRON_DAYS = ['Sunday', ...WEEK_DAYS.slice(0, 6), 'Sunday'];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function every(interval: number | undefined, one: string, many: string): string {
  return !interval || interval === 1 ? `every ${one}` : `every ${interval} ${many}`;
}

/** The wall-clock parts of an instant in a zone. */
function wallParts(iso: string, zone: string): { day: number; hour: number; minute: number } | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(date);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
    return { day: part('day'), hour: part('hour'), minute: part('minute') };
  } catch {
    return null;
  }
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

/** The times of day of a day, week or month recurrence (defaults as the server applies them). */
function timesOfDay(recurrence: RecurrenceLike, start: ReturnType<typeof wallParts>): string {
  const hours = recurrence.hours ?? (start ? [start.hour] : null);
  const minutes = recurrence.minutes ?? (recurrence.hours ? [0] : start ? [start.minute] : null);
  if (!hours || !minutes) return '';
  const times = hours.flatMap((hour) => minutes.map((minute) => `${pad(hour)}:${pad(minute)}`));
  if (times.length > 6) return ` at ${times.length} times a day (${times.slice(0, 3).join(', ')}, …)`;
  return ` at ${listWords(times)}`;
}

function recurrenceWords(recurrence: RecurrenceLike, zone: string, startAt: string | null | undefined): string {
  const start = startAt ? wallParts(startAt, zone) : null;
  switch (recurrence.frequency) {
    case 'minute':
      return every(recurrence.interval, 'minute', 'minutes');
    case 'hour':
      return every(recurrence.interval, 'hour', 'hours');
    case 'day':
      return `${every(recurrence.interval, 'day', 'days')}${timesOfDay(recurrence, start)} (${zone})`;
    case 'week': {
      const days = recurrence.week_days?.length ? ` on ${listWords(recurrence.week_days.map(dayName))}` : '';
      return `${every(recurrence.interval, 'week', 'weeks')}${days}${timesOfDay(recurrence, start)} (${zone})`;
    }
    case 'month': {
      const day = start ? ` on the ${ordinal(start.day)}` : '';
      return `${every(recurrence.interval, 'month', 'months')}${day}${timesOfDay(recurrence, start)} (${zone})`;
    }
    default:
      return String(recurrence.frequency);
  }
}

function dayName(text: string): string {
  const lower = text.trim().toLowerCase();
  return WEEK_DAYS.find((day) => day.toLowerCase() === lower || day.slice(0, 3).toLowerCase() === lower) ?? text;
}

const MACROS: Record<string, string> = {
  '@hourly': 'every hour',
  '@daily': 'every day at 00:00',
  '@midnight': 'every day at 00:00',
  '@weekly': 'every Sunday at 00:00',
  '@monthly': 'on the 1st of every month at 00:00',
  '@yearly': 'every 1 January at 00:00',
  '@annually': 'every 1 January at 00:00',
};

/** Common cron expressions in words; anything else as the cron text itself. */
function cronWords(cron: string): string {
  const text = cron.trim();
  if (MACROS[text]) return MACROS[text];
  const fields = text.split(/\s+/);
  if (fields.length === 5 && /^\d+$/.test(fields[0]!) && /^\d+$/.test(fields[1]!) && fields[2] === '*' && fields[3] === '*') {
    const at = `at ${pad(Number(fields[1]))}:${pad(Number(fields[0]))}`;
    const dow = fields[4]!;
    if (dow === '*') return `every day ${at}`;
    if (dow === '1-5') return `every weekday (Monday to Friday) ${at}`;
    if (/^[0-7](,[0-7])*$/.test(dow)) return `every ${listWords(dow.split(',').map((d) => CRON_DAYS[Number(d)]!))} ${at}`;
  }
  return `cron “${text}”`;
}

export function timingInWords(timing: Timing): string {
  if (timing.cron) return `${cronWords(timing.cron)} (${timing.time_zone})`;
  if (timing.recurrence) return recurrenceWords(timing.recurrence, timing.time_zone, timing.start_at);
  return 'no timing';
}

/** "Mon, 7 Dec 2026, 09:00" in a zone (the browser's when none is given). */
export function formatInstant(iso: string, zone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** "in 5 min", "in 3 h", "in 2 d"; "now" when due. */
export function formatUntil(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  if (seconds < 60) return seconds <= 0 ? 'now' : 'in under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} d`;
}

/** The UTC offset of a zone at an instant, in minutes (Berlin in summer: 120). */
function zoneOffset(utcMillis: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(utcMillis));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - utcMillis) / 60_000);
}

/**
 * A wall-clock time typed in a `datetime-local` input ("2026-12-07T09:00"), read in `zone`, as
 * an ISO instant; null when the text is not such a time or the zone is unknown.
 */
export function wallTimeToIso(text: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  try {
    // Twice: the offset at the first guess may differ from the one at the answer (a clock change).
    let utc = wall - zoneOffset(wall, zone) * 60_000;
    utc = wall - zoneOffset(utc, zone) * 60_000;
    return new Date(utc).toISOString();
  } catch {
    return null;
  }
}

/** Every IANA zone the browser knows, for the zone picker (UTC first). */
export function timeZoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const names = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...names.filter((name) => name !== 'UTC')];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
