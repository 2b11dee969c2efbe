import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { publishProblems } from './publishErrors';

describe('publishProblems', () => {
  it('lists each problem of an invalid pipeline', () => {
    const error = new ApiError(
      400,
      {
        code: 'invalid_pipeline',
        message: 'The pipeline has 2 problem(s)',
        errors: [{ node: 'split', message: 'Input "data" is not connected.' }, { message: 'The pipeline has no nodes.' }],
      },
      '',
    );
    expect(publishProblems(error)).toEqual({
      endpoint: undefined,
      description: undefined,
      general: ['split: Input "data" is not connected.', 'The pipeline has no nodes.'],
    });
  });

  it('puts a bad name under the name field', () => {
    const error = new ApiError(400, { code: 'invalid', message: 'endpoint: x', fields: { endpoint: ['Enter a valid name.'] } }, '');
    expect(publishProblems(error)).toEqual({ endpoint: 'Enter a valid name.', description: undefined, general: [] });
  });

  it('says anything else as it is', () => {
    expect(publishProblems(new ApiError(0, {}, 'Cannot reach the server.')).general).toEqual(['Cannot reach the server.']);
    expect(publishProblems(null).general).toEqual([]);
  });
});
