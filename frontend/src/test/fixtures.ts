/** Small, hand-written example data in the shapes of docs/internals.md, for unit tests only. */
import type {
  ComponentSummary,
  GraphNode,
  NodeEventMessage,
  NodeRun,
  NodeStatus,
  ParamSpec,
  ParamType,
  PipelineGraph,
  PortSpec,
  PortType,
  Run,
} from '../api/models';

/** A port spec as the registry sends it: every field there. */
export function port(type: PortType, fields: Partial<PortSpec> = {}): PortSpec {
  return { type, description: '', optional: false, ...fields };
}

/** A parameter spec as the registry sends it: every field there, null when not set. */
export function param(type: ParamType, fields: Partial<ParamSpec> = {}): ParamSpec {
  return { type, default: null, optional: false, min: null, max: null, values: [], input: null, language: null, description: '', ...fields };
}

/** A node run as GET /api/runs/{id}/ sends it. */
export function nodeRun(node: string, fields: Partial<NodeRun> = {}): NodeRun {
  return {
    node,
    status: 'pending',
    attempts: 0,
    started_at: null,
    finished_at: null,
    reused: false,
    outputs: {},
    error: null,
    reuse: null,
    traceback: null,
    source: null,
    component: 'split_data@1.0.0',
    compute: 'default',
    params: {},
    metrics: {},
    progress: null,
    max_retries: 0,
    reused_from: null,
    from_run: 12,
    ...fields,
  };
}

/** A `node` event of the live stream. */
export function nodeEvent(seq: number, node: string, status: NodeStatus, fields: Partial<NodeEventMessage> = {}): NodeEventMessage {
  return {
    type: 'node',
    seq,
    node,
    status,
    attempts: 1,
    started_at: null,
    finished_at: null,
    reused: false,
    outputs: {},
    error: null,
    reuse: null,
    traceback: null,
    source: null,
    from_run: 12,
    ...fields,
  };
}

export const splitData: ComponentSummary = {
  name: 'split_data',
  subcategory: '',
  tags: [],
  version: '1.0.0',
  deterministic: true,
  inference: 'keep',
  compute: 'default',
  timeout: 3600,
  max_retries: 0,
  image: null,
  environment: null,
  versions: ['1.0.0'],
  code_digest: '',
  workspace: null,
  yanked: false,
  deprecated: false,
  reason: '',
  created_at: '2026-11-25T10:00:00Z',
  display_name: 'Split Data',
  category: 'Data Transformation',
  description: 'Splits the rows of a dataset into two sets.',
  inputs: { data: port('dataframe', { description: 'Rows to split' }) },
  outputs: { first: port('dataframe'), second: port('dataframe') },
  parameters: {
    fraction: param('number', { default: 0.7, min: 0, max: 1 }),
    seed: param('integer', { default: 0 }),
    mode: param('enum', { values: ['random', 'sequential'], default: 'random' }),
    stratify: param('column', { input: 'data', optional: true }),
  },
};

export const loadCsv: ComponentSummary = {
  name: 'load_csv',
  subcategory: '',
  tags: [],
  version: '1.0.0',
  deterministic: true,
  inference: 'keep',
  compute: 'default',
  timeout: 3600,
  max_retries: 0,
  image: null,
  environment: null,
  versions: ['1.0.0'],
  code_digest: '',
  workspace: null,
  yanked: false,
  deprecated: false,
  reason: '',
  created_at: '2026-11-25T10:00:00Z',
  display_name: 'Load CSV',
  category: 'Data Input',
  description: 'Reads a CSV file.',
  inputs: {},
  outputs: { data: port('dataframe') },
  parameters: { path: param('string') },
};

export const trainModel: ComponentSummary = {
  name: 'train_model',
  subcategory: '',
  tags: [],
  version: '2.0.0',
  deterministic: true,
  inference: 'keep',
  compute: 'default',
  timeout: 3600,
  max_retries: 0,
  image: null,
  environment: null,
  versions: ['2.0.0'],
  code_digest: '',
  workspace: null,
  yanked: false,
  deprecated: false,
  reason: '',
  created_at: '2026-11-25T10:00:00Z',
  display_name: 'Train Model',
  category: 'Model Training',
  description: 'Fits an estimator.',
  inputs: { data: port('dataframe') },
  outputs: { model: port('model') },
  parameters: {
    label: param('column', { input: 'data' }),
    features: param('columns', { input: 'data', optional: true }),
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
    workspace: 'default',
    submitted_by: 'ada',
    pipeline: 3,
    pipeline_name: 'Churn',
    version: 1,
    experiment: 'Default',
    description: '',
    tags: [],
    trigger: { kind: 'manual' },
    status: 'running',
    parameters: {},
    force_rerun: false,
    continue_on_failure: false,
    partial: null,
    rerun_of: null,
    created_at: '2026-11-25T10:00:00Z',
    started_at: '2026-11-25T10:00:01Z',
    finished_at: null,
    graph: sampleGraph(),
    seq: 5,
    nodes: [
      nodeRun('load', { component: 'load_csv@1.0.0', status: 'completed', attempts: 1, outputs: { data: 40 } }),
      nodeRun('split', { status: 'queued' }),
    ],
    ...overrides,
  };
}
