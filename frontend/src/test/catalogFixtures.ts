/** Registered datasets, models and lineage in the agreed REST shapes, for unit tests only. */
import type {
  Dataset,
  DatasetDetail,
  DatasetVersion,
  Lineage,
  ModelVersion,
  RegisteredModel,
  RegisteredModelDetail,
  ComponentSummary,
} from '../api/models';
import { param, port } from './fixtures';

export function datasetVersion(version: number, fields: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    version,
    digest: `sha256:${String(version).repeat(16)}`,
    size: 1024 * version,
    row_count: 100 * version,
    schema: [
      { name: 'rooms', dtype: 'int64' },
      { name: 'price', dtype: 'double' },
    ],
    created_at: '2026-11-25T10:00:00Z',
    created_by: 'ada',
    artifact: 40 + version,
    source: { kind: 'upload', file: 'houses.csv' },
    ...fields,
  };
}

export function dataset(name: string, versions = 1, fields: Partial<Dataset> = {}): DatasetDetail {
  const all = Array.from({ length: versions }, (_, index) => datasetVersion(versions - index));
  return {
    name,
    workspace: 'default',
    description: `The ${name} table`,
    tags: ['demo'],
    latest_version: versions,
    version_count: versions,
    created_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-26T10:00:00Z',
    created_by: 'ada',
    latest: all[0]!,
    versions: all,
    ...fields,
  };
}

export function modelVersion(version: number, fields: Partial<ModelVersion> = {}): ModelVersion {
  return {
    version,
    description: '',
    tags: [],
    aliases: [],
    artifact: 70 + version,
    digest: `sha256:${String(version).repeat(16)}`,
    size: 4096,
    created_at: '2026-11-25T10:00:00Z',
    created_by: 'ada',
    metrics: { r2: 0.5 + version / 10 },
    input_schema: [
      { name: 'rooms', dtype: 'int64' },
      { name: 'area', dtype: 'double' },
    ],
    task: 'regression',
    model_class: 'sklearn.linear_model.LinearRegression',
    label_column: 'price',
    lineage: { run: 12, pipeline: 3, pipeline_version: 2, node: 'train', port: 'model', datasets: [{ name: 'houses', version: 2, digest: 'sha256:2' }] },
    source: 'run',
    ...fields,
  };
}

export function registeredModel(name: string, versions = 1, aliases: Record<string, number> = {}): RegisteredModelDetail {
  const all = Array.from({ length: versions }, (_, index) => {
    const number = versions - index;
    return modelVersion(number, { aliases: Object.keys(aliases).filter((alias) => aliases[alias] === number) });
  });
  const summary: RegisteredModel = {
    name,
    workspace: 'default',
    description: `Predicts ${name}`,
    tags: ['regression'],
    latest_version: versions,
    version_count: versions,
    aliases,
    created_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-26T10:00:00Z',
    created_by: 'ada',
  };
  return { ...summary, versions: all };
}

/** houses v2 → run 12 → price v1 → run 15 */
export function sampleLineage(): Lineage {
  return {
    root: 'model:price:1',
    nodes: [
      { id: 'dataset:houses:2', kind: 'dataset', label: 'houses v2', name: 'houses', version: 2, created_at: '2026-11-25T10:00:00Z' },
      { id: 'run:12', kind: 'run', label: 'Run 12 · Train prices', run: 12, status: 'completed', pipeline: 'Train prices', created_at: '2026-11-25T11:00:00Z' },
      { id: 'model:price:1', kind: 'model', label: 'price v1', name: 'price', version: 1, created_at: '2026-11-25T12:00:00Z' },
      { id: 'run:15', kind: 'run', label: 'Run 15 · Score', run: 15, status: 'failed', pipeline: 'Score', created_at: '2026-11-25T13:00:00Z' },
    ],
    edges: [
      { source: 'dataset:houses:2', target: 'run:12', label: 'read' },
      { source: 'run:12', target: 'model:price:1', label: 'registered' },
      { source: 'model:price:1', target: 'run:15', label: 'used' },
    ],
  };
}

function sourceComponent(name: string, display: string, output: 'dataframe' | 'model'): ComponentSummary {
  return {
    name,
    subcategory: '',
    tags: [],
    version: '1.0.0',
    deterministic: true,
    compute: 'default',
    timeout: 3600,
    max_retries: 0,
    versions: ['1.0.0'],
    code_digest: '',
    workspace: null,
    yanked: false,
    deprecated: false,
    reason: '',
    created_at: '2026-11-25T10:00:00Z',
    inference: 'keep',
    image: null,
    environment: null,
    display_name: display,
    category: 'Data Input and Output',
    description: `A registered ${output === 'model' ? 'model' : 'dataset'}.`,
    inputs: {},
    outputs: { [output === 'model' ? 'model' : 'data']: port(output) },
    parameters: {
      name: param('string', { description: 'Name' }),
      version: param('string', { default: 'latest', description: 'A version number, or latest' }),
    },
  };
}

export const datasetComponent = sourceComponent('dataset', 'Dataset', 'dataframe');
export const registeredModelComponent = sourceComponent('registered_model', 'Registered Model', 'model');
