import { describe, expect, it } from 'vitest';
import { formatInstant, formatUntil, listWords, timeZoneNames, timingInWords, wallTimeToIso } from './timingWords';

describe('timingInWords', () => {
  it('says recurrences in words, with the zone where wall-clock times matter', () => {
    const zone = 'Europe/Berlin';
    expect(timingInWords({ recurrence: { frequency: 'day', hours: [9], minutes: [0] }, time_zone: zone })).toBe('every day at 09:00 (Europe/Berlin)');
    expect(timingInWords({ recurrence: { frequency: 'minute', interval: 15 }, time_zone: zone })).toBe('every 15 minutes');
    expect(timingInWords({ recurrence: { frequency: 'hour', interval: 1 }, time_zone: zone })).toBe('every hour');
    expect(
      timingInWords({ recurrence: { frequency: 'week', week_days: ['Monday', 'thu'], hours: [9, 17], minutes: [30] }, time_zone: 'UTC' }),
    ).toBe('every week on Monday and Thursday at 09:30 and 17:30 (UTC)');
    expect(timingInWords({ recurrence: { frequency: 'day', interval: 2, hours: [6] }, time_zone: 'UTC' })).toBe('every 2 days at 06:00 (UTC)');
  });

  it('takes the time of day and the day of the month from start_at when not given', () => {
    const timing = { recurrence: { frequency: 'month' as const }, time_zone: 'Europe/Berlin', start_at: '2026-01-31T07:15:00Z' };
    expect(timingInWords(timing)).toBe('every month on the 31st at 08:15 (Europe/Berlin)');
  });

  it('says common cron expressions in words, others as they are', () => {
    expect(timingInWords({ cron: '0 9 * * *', time_zone: 'UTC' })).toBe('every day at 09:00 (UTC)');
    expect(timingInWords({ cron: '30 6 * * 1-5', time_zone: 'UTC' })).toBe('every weekday (Monday to Friday) at 06:30 (UTC)');
    expect(timingInWords({ cron: '0 8 * * 1,4', time_zone: 'UTC' })).toBe('every Monday and Thursday at 08:00 (UTC)');
    expect(timingInWords({ cron: '@hourly', time_zone: 'UTC' })).toBe('every hour (UTC)');
    expect(timingInWords({ cron: '*/5 9-17 * * *', time_zone: 'UTC' })).toBe('cron “*/5 9-17 * * *” (UTC)');
  });
});

describe('instants', () => {
  it('reads a wall-clock time in a zone, across summer time', () => {
    expect(wallTimeToIso('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(wallTimeToIso('2026-12-01T09:00', 'Europe/Berlin')).toBe('2026-12-01T08:00:00.000Z');
    expect(wallTimeToIso('2026-12-01T09:00', 'America/New_York')).toBe('2026-12-01T14:00:00.000Z');
    expect(wallTimeToIso('tomorrow', 'UTC')).toBeNull();
    expect(wallTimeToIso('2026-12-01T09:00', 'Mars/Olympus')).toBeNull();
  });

  it('formats an instant in a zone and the time until it', () => {
    expect(formatInstant('2026-12-07T08:00:00Z', 'Europe/Berlin')).toBe('Mon, 7 Dec 2026, 09:00');
    const now = Date.parse('2026-12-07T08:00:00Z');
    expect(formatUntil('2026-12-07T08:30:00Z', now)).toBe('in 30 min');
    expect(formatUntil('2026-12-07T14:00:00Z', now)).toBe('in 6 h');
    expect(formatUntil('2026-12-07T07:00:00Z', now)).toBe('now');
  });

  it('lists the zones with UTC first', () => {
    const names = timeZoneNames();
    expect(names[0]).toBe('UTC');
    expect(names).toContain('Europe/Berlin');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
