import { describe, expect, it } from 'vitest';
import { emptyScheduleForm, parseNumberList, scheduleFormToBody } from './scheduleForm';

const parameters = [
  { name: 'seed', type: 'integer', default: 7, description: '' },
  { name: 'label', type: 'string', default: 'y', description: '' },
];

describe('schedule form', () => {
  it('maps a daily recurrence with the defaults to the API body', () => {
    const form = { ...emptyScheduleForm('nightly', 'Europe/Berlin'), name: 'every-morning' };
    const { body, errors, paramErrors } = scheduleFormToBody(form, parameters);
    expect(errors).toEqual({});
    expect(paramErrors).toEqual({});
    expect(body).toEqual({
      name: 'every-morning',
      endpoint: 'nightly',
      version: null,
      time_zone: 'Europe/Berlin',
      catch_up: 'none',
      recurrence: { frequency: 'day', interval: 1, hours: [9], minutes: [0] },
      cron: null,
      max_concurrent: 1,
      parameters: {},
    });
  });

  it('sends week days for a weekly recurrence only, times in the zone, changed parameters', () => {
    const form = {
      ...emptyScheduleForm('nightly', 'Europe/Berlin'),
      name: 'twice',
      version: '2',
      frequency: 'week' as const,
      hours: '17, 9',
      weekDays: ['Thursday', 'Monday'],
      startAt: '2026-07-01T09:00',
      params: { seed: '9' },
      catchUp: 'all' as const,
      maxCatchUp: '3',
      maxConcurrent: '',
    };
    const { body } = scheduleFormToBody(form, parameters);
    expect(body.version).toBe(2);
    expect(body.recurrence).toEqual({ frequency: 'week', interval: 1, hours: [9, 17], minutes: [0], week_days: ['Monday', 'Thursday'] });
    expect(body.start_at).toBe('2026-07-01T07:00:00.000Z');
    expect(body.parameters).toEqual({ seed: 9 });
    expect(body.max_catch_up).toBe(3);
    expect(body.max_concurrent).toBeNull();
    const hourly = scheduleFormToBody({ ...form, frequency: 'hour', interval: '2' }, parameters).body;
    expect(hourly.recurrence).toEqual({ frequency: 'hour', interval: 2 });
  });

  it('takes a cron expression instead', () => {
    const form = { ...emptyScheduleForm('nightly', 'UTC'), name: 'c', mode: 'cron' as const, cron: ' 0 9 * * 1-5 ' };
    const { body } = scheduleFormToBody(form, []);
    expect(body.cron).toBe('0 9 * * 1-5');
    expect(body.recurrence).toBeNull();
  });

  it('keys each problem by the API field it is about', () => {
    const form = { ...emptyScheduleForm('', 'UTC'), hours: '9, 25', interval: '0', maxConcurrent: 'x', startAt: 'soon', params: { seed: 'many' } };
    const { errors, paramErrors } = scheduleFormToBody(form, parameters);
    expect(Object.keys(errors).sort()).toEqual(['endpoint', 'max_concurrent', 'name', 'recurrence.hours', 'recurrence.interval', 'start_at']);
    expect(paramErrors).toEqual({ seed: 'A whole number.' });
    expect(scheduleFormToBody({ ...form, mode: 'cron' }, []).errors.cron).toMatch(/Five fields/);
  });

  it('reads lists of hours and minutes', () => {
    expect(parseNumberList('', 23)).toBeNull();
    expect(parseNumberList('17,9 9', 23)).toEqual([9, 17]);
    expect(parseNumberList('60', 59)).toEqual({ error: 'Whole numbers from 0 to 59, separated by commas.' });
  });
});
