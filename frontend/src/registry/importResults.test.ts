import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import type { ImportResult } from '../api/imports';
import { splitData } from '../test/fixtures';
import { groupByFile, importFailure, importSummary, isImportable, selectImportable } from './importResults';

const result = (counts: { components?: number; pipelines?: number; schedules?: number }): ImportResult =>
  ({
    components: Array.from({ length: counts.components ?? 0 }, () => splitData),
    pipelines: Array.from({ length: counts.pipelines ?? 0 }, () => ({})),
    schedules: Array.from({ length: counts.schedules ?? 0 }, () => ({})),
    notes: [],
  }) as unknown as ImportResult;

describe('which files are sent', () => {
  it('takes YAML and zip files whatever the case of their extension, and names the rest', () => {
    expect(isImportable('prep.YML')).toBe(true);
    expect(isImportable('pipeline.yaml')).toBe(true);
    expect(isImportable('nyc.zip')).toBe(true);
    expect(isImportable('prep.py')).toBe(false);
    const files = [new File(['a'], 'a.yml'), new File(['b'], 'notes.txt'), new File(['c'], 'c.zip')];
    const selection = selectImportable(files);
    expect(selection.importable.map((file) => file.name)).toEqual(['a.yml', 'c.zip']);
    expect(selection.skipped).toEqual(['notes.txt']);
  });
});

describe('groupByFile', () => {
  it('keeps the files in the order first named, each with its fields and messages', () => {
    const groups = groupByFile([
      { file: 'b.yml', field: 'jobs.train.type', message: 'sweep jobs are not supported' },
      { file: 'a.yml', field: '', message: 'not a component' },
      { file: 'b.yml', field: 'inputs.x', message: 'unknown type' },
    ]);
    expect(groups).toEqual([
      {
        file: 'b.yml',
        items: [
          { field: 'jobs.train.type', message: 'sweep jobs are not supported' },
          { field: 'inputs.x', message: 'unknown type' },
        ],
      },
      { file: 'a.yml', items: [{ field: '', message: 'not a component' }] },
    ]);
  });
});

describe('importFailure', () => {
  it('reads a refusal as problems per file, skipping malformed entries', () => {
    const error = new ApiError(
      400,
      {
        code: 'import_refused',
        message: 'Cannot import: a.yml: distribution: not supported (and 1 more).',
        errors: [
          { file: 'a.yml', field: 'distribution', message: 'not supported' },
          { file: 'a.yml', field: 'resources', message: 'would change how the step runs' },
          'junk',
        ],
      },
      '400',
    );
    const failure = importFailure(error);
    expect(failure.kind).toBe('refused');
    expect(failure.files).toHaveLength(1);
    expect(failure.files[0]!.items.map((item) => item.field)).toEqual(['distribution', 'resources']);
  });

  it('keeps a refusal without a list as its message alone', () => {
    const failure = importFailure(new ApiError(400, { code: 'import_refused', message: 'x.zip is not a zip archive.', field: 'file' }, '400'));
    expect(failure).toEqual({ kind: 'refused', message: 'x.zip is not a zip archive.', files: [] });
  });

  it('tells a version clash and other failures apart', () => {
    const clash = importFailure(new ApiError(409, { code: 'conflict', message: 'prep@1.0.0 exists with other content.' }, '409'));
    expect(clash.kind).toBe('conflict');
    expect(clash.message).toBe('prep@1.0.0 exists with other content.');
    expect(importFailure(new ApiError(0, {}, 'Cannot reach the server.')).kind).toBe('other');
  });
});

describe('importSummary', () => {
  it('counts what was created in words', () => {
    expect(importSummary(result({ components: 1 }))).toBe('Imported 1 component.');
    expect(importSummary(result({ components: 2, pipelines: 1 }))).toBe('Imported 2 components and 1 pipeline.');
    expect(importSummary(result({ components: 3, pipelines: 1, schedules: 2 }))).toBe(
      'Imported 3 components, 1 pipeline and 2 schedules.',
    );
    expect(importSummary(result({}))).toBe('The files held nothing to import.');
  });
});
