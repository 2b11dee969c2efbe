import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { EMPTY_TARGET_FORM, errorFor, fieldErrors, formatAgo, formatResources, targetFormToBody } from './computeFormat';

const NOW = Date.parse('2026-11-25T10:00:00Z');

describe('formatAgo', () => {
  it('says how long ago in the largest sensible unit', () => {
    expect(formatAgo('2026-11-25T09:59:57Z', NOW)).toBe('3 s ago');
    expect(formatAgo('2026-11-25T09:56:00Z', NOW)).toBe('4 min ago');
    expect(formatAgo('2026-11-25T07:00:00Z', NOW)).toBe('3 h ago');
    expect(formatAgo('2026-11-20T10:00:00Z', NOW)).toBe('5 d ago');
    expect(formatAgo('2026-11-25T10:00:02Z', NOW)).toBe('just now');
    expect(formatAgo(null, NOW)).toBe('never');
  });
});

describe('formatResources', () => {
  it('lists what is declared', () => {
    expect(formatResources({ cpus: 2, memory_mb: 4096, gpus: 1 })).toBe('2 CPUs · 4 GB memory · 1 GPU');
    expect(formatResources({ cpus: 1, memory_mb: 1536 })).toBe('1 CPU · 1.5 GB memory');
    expect(formatResources({ memory_mb: 512 })).toBe('512 MB memory');
    expect(formatResources({})).toBe('No resources declared');
    expect(formatResources(undefined)).toBe('No resources declared');
  });
});

describe('targetFormToBody', () => {
  it('nests resources, drops blanks and keeps numbers as numbers', () => {
    const body = targetFormToBody({ ...EMPTY_TARGET_FORM, name: ' gpu ', cpus: '8', memory_mb: '', gpus: '1', concurrency: '' });
    expect(body).toEqual({ name: 'gpu', description: '', resources: { cpus: 8, gpus: 1 } });
    expect(targetFormToBody({ ...EMPTY_TARGET_FORM, name: 'x' }).concurrency).toBe(2);
  });
});

describe('fieldErrors', () => {
  it('flattens nested field errors of a 400 into dotted paths', () => {
    const error = new ApiError(
      400,
      { code: 'invalid', message: 'name: bad', fields: { name: ['Enter a valid slug.'], resources: { cpus: ['Must be at least 0.'] } } },
      '400',
    );
    const errors = fieldErrors(error);
    expect(errors).toEqual({ name: 'Enter a valid slug.', 'resources.cpus': 'Must be at least 0.' });
    expect(errorFor(errors, 'cpus')).toBe('Must be at least 0.');
    expect(errorFor(errors, 'gpus')).toBeUndefined();
    expect(fieldErrors(new ApiError(409, { message: 'in use' }, '409'))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });
});
