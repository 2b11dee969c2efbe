import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { issueLocation, registerFailure, specIssues } from './registerErrors';

describe('specIssues', () => {
  it('keeps the well-formed entries of `errors`', () => {
    const body = {
      errors: [
        { file: 'component.yaml', field: 'parameters.fraction.max', message: 'must be a number' },
        { message: 'component.yaml is missing' },
        { field: 'name' },
        'nonsense',
      ],
    };
    expect(specIssues(body)).toEqual([
      { file: 'component.yaml', field: 'parameters.fraction.max', message: 'must be a number' },
      { field: '', message: 'component.yaml is missing' },
    ]);
    expect(specIssues({ errors: 'no' })).toEqual([]);
    expect(specIssues(null)).toEqual([]);
  });
});

describe('registerFailure', () => {
  it('lists spec problems of a 400', () => {
    const error = new ApiError(
      400,
      { code: 'invalid_spec', message: 'bad spec', errors: [{ field: 'version', message: 'not a semantic version' }] as never },
      '400',
    );
    expect(registerFailure(error)).toEqual({
      kind: 'invalid',
      message: 'bad spec',
      issues: [{ field: 'version', message: 'not a semantic version' }],
    });
  });

  it('passes the conflict message of a 409 through', () => {
    const error = new ApiError(409, { code: 'version_exists', message: 'x@1.0.0 is already registered with other content' }, '409');
    expect(registerFailure(error)).toMatchObject({ kind: 'conflict', message: 'x@1.0.0 is already registered with other content' });
  });

  it('says anything else plainly', () => {
    expect(registerFailure(new Error('offline'))).toEqual({ kind: 'other', message: 'offline', issues: [] });
    expect(registerFailure(new ApiError(500, {}, '500 Server Error')).kind).toBe('other');
  });
});

describe('issueLocation', () => {
  it('prefers the field, then the file', () => {
    expect(issueLocation({ field: 'inputs.data.type', message: '' })).toBe('inputs.data.type');
    expect(issueLocation({ field: '', file: 'sub/component.yaml', message: '' })).toBe('sub/component.yaml');
    expect(issueLocation({ field: '', message: '' })).toBe('component.yaml');
  });
});
