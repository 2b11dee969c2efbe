/** Example registry and compute data in the shapes of docs/internals.md, for unit tests only. */
import type { ComputeTarget } from '../api/compute';
import type { CategoryCount, ComponentDetail } from '../api/components';
import { loadCsv, splitData, trainModel } from './fixtures';

export const categories: CategoryCount[] = [
  { name: 'Data Input', count: 1, subcategories: [] },
  { name: 'Data Transformation', count: 1, subcategories: [] },
  { name: 'Model Training', count: 1, subcategories: [{ name: 'Supervised', count: 1 }] },
];

export const summaries = [loadCsv, splitData, trainModel].map((component) => ({
  ...component,
  versions: [component.version],
}));

export function splitDataDetail(overrides: Partial<ComponentDetail> = {}): ComponentDetail {
  return {
    ...splitData,
    version: '1.1.0',
    deterministic: true,
    compute: 'default',
    versions: ['1.1.0', '1.0.0'],
    code_digest: 'abc123',
    builtin: true,
    created_at: '2026-11-20T09:00:00Z',
    spec: {},
    python: 'split_data.py:run',
    command: null,
    readme: '## Usage\n\nUse **fraction** to choose the share.\n\n<img src=x onerror="alert(1)">',
    source: [
      { path: 'component.yaml', text: 'name: split_data\nversion: 1.1.0\n' },
      { path: 'split_data.py', text: 'def run(data, fraction=0.7):\n    return data\n' },
    ],
    used_by: [{ id: 7, name: 'Churn model', nodes: ['split', 'split_again'] }],
    ...overrides,
  };
}

export function computeTarget(overrides: Partial<ComputeTarget> = {}): ComputeTarget {
  return {
    name: 'default',
    description: 'Runs on the web machine.',
    resources: { cpus: 4, memory_mb: 8192, gpus: 0 },
    concurrency: 2,
    queue_length: 3,
    hints: [],
    workers: [
      {
        name: 'embedded-1',
        host: 'laptop',
        pid: 4242,
        threads: 2,
        gpus: 0,
        busy: 2,
        started_at: '2026-11-25T09:00:00Z',
        last_seen: '2026-11-25T10:00:00Z',
      },
    ],
    ...overrides,
  };
}
