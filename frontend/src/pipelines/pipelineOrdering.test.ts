import { describe, expect, it } from 'vitest';
import type { PipelineSummary } from '../api/pipelines';
import { exportFileName } from './pipelineFiles';
import { parseOrdering, sortPipelines } from './pipelineOrdering';

const summary = (id: number, name: string, updated: string): PipelineSummary => ({
  id,
  workspace: 'default',
  name,
  node_count: 0,
  created_at: updated,
  updated_at: updated,
});

const list = [summary(1, 'beta', '2026-11-02'), summary(2, 'Alpha', '2026-11-03'), summary(3, 'gamma', '2026-11-01')];

describe('pipeline ordering', () => {
  it('sorts by update time or name, either way', () => {
    expect(sortPipelines(list, '-updated_at').map((p) => p.id)).toEqual([2, 1, 3]);
    expect(sortPipelines(list, 'updated_at').map((p) => p.id)).toEqual([3, 1, 2]);
    expect(sortPipelines(list, 'name').map((p) => p.name)).toEqual(['Alpha', 'beta', 'gamma']);
    expect(sortPipelines(list, '-name').map((p) => p.name)).toEqual(['gamma', 'beta', 'Alpha']);
  });

  it('reads the ordering from the URL, defaulting to the most recently updated', () => {
    expect(parseOrdering('name')).toBe('name');
    expect(parseOrdering('bogus')).toBe('-updated_at');
    expect(parseOrdering(null)).toBe('-updated_at');
  });

  it('names export files after the pipeline', () => {
    expect(exportFileName('Churn model v2')).toBe('churn-model-v2.pipeline.yaml');
    expect(exportFileName('***')).toBe('pipeline.pipeline.yaml');
  });
});
