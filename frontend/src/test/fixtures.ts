/** Small, hand-written example data in the shapes of docs/internals.md, for unit tests only. */
import type { ComponentSummary, GraphNode, PipelineGraph, Run } from '../api/types';

export const splitData: ComponentSummary = {
  name: 'split_data',
  version: '1.0.0',
  display_name: 'Split Data',
  category: 'Data Transformation',
  description: 'Splits the rows of a dataset into two sets.',
  inputs: { data: { type: 'dataframe', description: 'Rows to split' } },
  outputs: { first: { type: 'dataframe' }, second: { type: 'dataframe' } },
  parameters: {
    fraction: { type: 'number', default: 0.7, min: 0, max: 1 },
    seed: { type: 'integer', default: 0 },
    mode: { type: 'enum', values: ['random', 'sequential'], default: 'random' },
    stratify: { type: 'column', input: 'data', optional: true },
  },
};

export const loadCsv: ComponentSummary = {
  name: 'load_csv',
  version: '1.0.0',
  display_name: 'Load CSV',
  category: 'Data Input',
  description: 'Reads a CSV file.',
  inputs: {},
  outputs: { data: { type: 'dataframe' } },
  parameters: { path: { type: 'string' } },
};

export const trainModel: ComponentSummary = {
  name: 'train_model',
  version: '2.0.0',
  display_name: 'Train Model',
  category: 'Model Training',
  description: 'Fits an estimator.',
  inputs: { data: { type: 'dataframe' } },
  outputs: { model: { type: 'model' } },
  parameters: {
    label: { type: 'column', input: 'data' },
    features: { type: 'columns', input: 'data', optional: true },
  },
};

export function node(id: string, component: string, x = 0, y = 0): GraphNode {
  return { id, component, params: {}, compute: null, reuse: true, comment: '', position: { x, y } };
}

/** load -> split -> train */
export function sampleGraph(): PipelineGraph {
  return {
    nodes: [
      node('load', 'load_csv@1.0.0', 0, 0),
      node('split', 'split_data@1.0.0', 0, 150),
      node('train', 'train_model@2.0.0', 0, 300),
    ],
    edges: [
      { source: 'load', source_port: 'data', target: 'split', target_port: 'data' },
      { source: 'split', source_port: 'first', target: 'train', target_port: 'data' },
    ],
  };
}

export function sampleRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 12,
    pipeline: 3,
    pipeline_name: 'Churn',
    version: 1,
    experiment: null,
    status: 'running',
    parameters: {},
    force_rerun: false,
    created_at: '2026-11-25T10:00:00Z',
    started_at: '2026-11-25T10:00:01Z',
    finished_at: null,
    graph: sampleGraph(),
    seq: 5,
    nodes: [
      {
        node: 'load',
        status: 'completed',
        attempts: 1,
        started_at: null,
        finished_at: null,
        reused: false,
        outputs: { data: 40 },
        metrics: {},
        progress: null,
        error: null,
      },
      {
        node: 'split',
        status: 'queued',
        attempts: 0,
        started_at: null,
        finished_at: null,
        reused: false,
        outputs: {},
        metrics: {},
        progress: null,
        error: null,
      },
    ],
    ...overrides,
  };
}
