import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { allShown, errorUnder, serverFieldErrors } from './fieldErrors';

describe('serverFieldErrors', () => {
  it('reads DRF field errors, nested ones by dotted path', () => {
    const error = new ApiError(400, { code: 'invalid', message: 'x', fields: { name: ['Required.'], recurrence: { hours: ['Too big.'] } } }, '');
    const errors = serverFieldErrors(error);
    expect(errors).toEqual({ name: 'Required.', 'recurrence.hours': 'Too big.' });
    expect(errorUnder(errors, 'recurrence')).toBe('hours: Too big.');
    expect(allShown(errors, ['name', 'recurrence'])).toBe(true);
    expect(allShown(errors, ['name'])).toBe(false);
  });

  it('reads a service error naming its field, without repeating the name', () => {
    const error = new ApiError(400, { code: 'bad_timing', message: "time_zone: unknown time zone 'Mars/Olympus'", field: 'time_zone' }, '');
    expect(serverFieldErrors(error)).toEqual({ time_zone: "Unknown time zone 'Mars/Olympus'" });
    const missing = new ApiError(404, { code: 'not_found', message: "No endpoint named 'x'.", field: 'endpoint' }, '');
    expect(serverFieldErrors(missing)).toEqual({ endpoint: "No endpoint named 'x'." });
    const spaced = new ApiError(400, { code: 'bad_timing', message: 'time zone: unknown name', field: 'time_zone' }, '');
    expect(serverFieldErrors(spaced)).toEqual({ time_zone: 'Unknown name' });
  });

  it('has nothing for other failures', () => {
    expect(serverFieldErrors(new ApiError(500, {}, 'boom'))).toEqual({});
    expect(serverFieldErrors(new Error('x'))).toEqual({});
  });
});
