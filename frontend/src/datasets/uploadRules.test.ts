import { describe, expect, it } from 'vitest';
import { parseTags } from '../shared/tags';
import { DEFAULT_UPLOAD_LIMIT, suggestDatasetName, uploadProblem } from './uploadRules';

describe('uploadProblem', () => {
  it('takes the table formats the server reads, in any case', () => {
    for (const name of ['a.csv', 'a.TSV', 'a.parquet', 'a.pq', 'a.json', 'a.jsonl']) {
      expect(uploadProblem({ name, size: 10 })).toBeNull();
    }
  });

  it('refuses other files, empty files, and files over the limit, naming the limit', () => {
    expect(uploadProblem({ name: 'notes.txt', size: 10 })).toMatch(/not a table the server can read/);
    expect(uploadProblem({ name: 'csv', size: 10 })).toMatch(/not a table/);
    expect(uploadProblem({ name: 'a.csv', size: 0 })).toBe('a.csv is empty.');
    expect(uploadProblem({ name: 'big.csv', size: DEFAULT_UPLOAD_LIMIT + 1 })).toBe(
      'big.csv is 200.0 MB, more than the 200.0 MB an upload may be. Put it in a datastore and register it from there.',
    );
    expect(uploadProblem({ name: 'big.csv', size: 3 * 1024 * 1024 }, 1024 * 1024)).toMatch(/3.0 MB, more than the 1.0 MB/);
  });
});

describe('suggestDatasetName', () => {
  it('makes a lower-case name of the file name without its ending', () => {
    expect(suggestDatasetName('Houses 2026.csv')).toBe('houses-2026');
    expect(suggestDatasetName('sales_q1.PARQUET')).toBe('sales_q1');
    expect(suggestDatasetName('--weird (copy).json')).toBe('weird-copy');
  });
});

describe('parseTags', () => {
  it('splits on commas, trims, and drops empties and repeats', () => {
    expect(parseTags(' sales, 2026,,raw , sales ')).toEqual(['sales', '2026', 'raw']);
    expect(parseTags('')).toEqual([]);
  });
});
