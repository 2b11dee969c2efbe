import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { formatPrediction, parseScoreBody, refusalOf, scoredRows } from './tryIt';

describe('parseScoreBody', () => {
  it('takes rows, or columns with data', () => {
    expect(parseScoreBody('{"rows": [{"age": 1}, {"age": 2}]}')).toEqual({ body: { rows: [{ age: 1 }, { age: 2 }] }, rows: 2, error: null });
    expect(parseScoreBody('{"columns": ["age"], "data": [[1]]}')).toEqual({ body: { columns: ['age'], data: [[1]] }, rows: 1, error: null });
  });

  it('says what is wrong before anything is sent', () => {
    expect(parseScoreBody('{"rows": [').error).toMatch(/^Not JSON: /);
    expect(parseScoreBody('[1]').error).toBe('Send an object: {"rows": [{"column": value, ...}]}.');
    expect(parseScoreBody('{"rows": []}').error).toBe('Give at least one row.');
    expect(parseScoreBody('{"rows": [{"a": 1}, 3]}').error).toBe('Row 1 is not an object of column: value.');
    expect(parseScoreBody('{"row": {}}').error).toBe('Give "rows" (a list of objects), or "columns" with "data".');
  });
});

describe('answers', () => {
  it('puts each row with its prediction and probability', () => {
    expect(scoredRows({ predictions: [1, 0], probabilities: [0.91, 0.2], deployment: 'blue' })).toEqual([
      { row: 0, prediction: 1, probability: 0.91 },
      { row: 1, prediction: 0, probability: 0.2 },
    ]);
    expect(scoredRows({ predictions: [206.1], deployment: 'blue' })[0]!.probability).toBeUndefined();
  });

  it('shows predictions briefly', () => {
    expect(formatPrediction(206.11672134)).toBe('206.117');
    expect(formatPrediction(3)).toBe('3');
    expect(formatPrediction('yes')).toBe('yes');
    expect(formatPrediction({ a: 1 })).toBe('{"a":1}');
  });

  it('reads the column and row a refusal names', () => {
    const error = new ApiError(400, { code: 'bad_value', message: "Row 0, column 'bmi': expected a number (double), got a string.", column: 'bmi', row: 0 }, '400');
    expect(refusalOf(error)).toEqual({ status: 400, code: 'bad_value', message: "Row 0, column 'bmi': expected a number (double), got a string.", column: 'bmi', row: 0 });
    expect(refusalOf(new Error('x'))).toBeNull();
  });
});
