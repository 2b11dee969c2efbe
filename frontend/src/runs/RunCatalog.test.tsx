import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../api/models';
import { loadCsv, splitData, trainModel } from '../test/fixtures';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { renderWithProviders } from '../test/render';
import { finishedRun, installFakeWebSocket, stubApi } from '../test/runsFixtures';
import { RunPage } from './RunPage';
import { suggestDatasetName, suggestModelName } from './details/registerNames';

const artifact = (id: number, kind: string) => ({ id, digest: 'sha256:abcdef0123456789abcdef', kind, size: 2048, schema: null, row_count: null, summary: null, created_at: '' });

/** A run whose load node read houses v3 and whose train node made a model. */
function run(): Run {
  const base = finishedRun(12, 0.8, 0.42);
  const [load, split, train] = base.nodes;
  return {
    ...base,
    pipeline_name: 'House prices',
    nodes: [
      { ...load!, source: { kind: 'dataset', name: 'houses', version: 3, digest: 'sha256:3' }, outputs: { data: 40 } },
      split!,
      { ...train!, outputs: { model: 50 } },
    ],
  };
}

function stub() {
  return stubApi({
    '/api/runs/12/': run(),
    '/api/components/': [loadCsv, splitData, trainModel],
    '/api/artifacts/50/': artifact(50, 'model'),
    '/api/artifacts/40/': artifact(40, 'dataframe'),
    '/api/artifacts/40/preview/': { columns: [], rows: [], row_count: 0 },
    '/api/artifacts/40/profile/': { row_count: 0, profiled_rows: 0, sampled: false, columns: [] },
    '/api/artifacts/41/': artifact(41, 'dataframe'),
    '/api/artifacts/41/preview/': { columns: [], rows: [], row_count: 0 },
    '/api/artifacts/41/profile/': { row_count: 0, profiled_rows: 0, sampled: false, columns: [] },
    '/api/artifacts/42/': artifact(42, 'dataframe'),
    '/api/artifacts/42/preview/': { columns: [], rows: [], row_count: 0 },
    '/api/artifacts/42/profile/': { row_count: 0, profiled_rows: 0, sampled: false, columns: [] },
    'POST /api/models/': (init: RequestInit) => ({ ...JSON.parse(String(init.body)), version: 4 }),
    'POST /api/datasets/': (init: RequestInit) => ({ ...JSON.parse(String(init.body)), version: 1 }),
  });
}

const render = (route: string) => renderWithProviders(<RunPage />, { route, path: '/runs/:id' });

beforeAll(installReactFlowEnv);
beforeEach(installFakeWebSocket);
afterEach(() => vi.unstubAllGlobals());

describe('run view and the catalog', () => {
  it('shows the dataset version a source node used, on the node and in its details', async () => {
    stub();
    render('/runs/12?node=load');
    expect(await screen.findByTestId('run-node-source-load')).toHaveTextContent('houses v3');
    const badge = screen.getByTestId('node-details-source');
    expect(badge).toHaveAttribute('href', '/datasets/houses?version=3');
    // What the node read is registered already: nothing to register again.
    fireEvent.click(screen.getByRole('tab', { name: 'Outputs' }));
    await screen.findByTestId('output-data');
    expect(screen.queryByRole('button', { name: 'Register as dataset' })).toBeNull();
  });

  it('registers a trained model from its output, named after the pipeline, and links to the new version', async () => {
    const calls = stub();
    render('/runs/12?node=train');
    fireEvent.click(await screen.findByRole('tab', { name: 'Outputs' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Register model' }));
    const dialog = screen.getByTestId('register-model-dialog');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('house-prices');
    fireEvent.change(within(dialog).getByLabelText('Tags'), { target: { value: 'prices' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    const link = await screen.findByRole('link', { name: 'house-prices v4' });
    expect(link).toHaveAttribute('href', '/models/house-prices?version=4');
    expect(calls).toContain('POST /api/models/');
    const post = vi.mocked(fetch).mock.calls.find(([path, init]) => path === '/api/models/' && init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ name: 'house-prices', run: 12, node: 'train', port: 'model', description: '', tags: ['prices'] });
  });

  it('registers a table output as a dataset', async () => {
    stub();
    render('/runs/12?node=split');
    fireEvent.click(await screen.findByRole('tab', { name: 'Outputs' }));
    const first = await screen.findByTestId('output-first');
    fireEvent.click(await within(first).findByRole('button', { name: 'Register as dataset' }));
    const dialog = screen.getByTestId('register-dataset-dialog');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('split-first');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    expect(await within(first).findByRole('link', { name: 'split-first v1' })).toHaveAttribute('href', '/datasets/split-first?version=1');
  });

  it('links the run to its lineage', async () => {
    stub();
    render('/runs/12');
    expect(await screen.findByRole('link', { name: 'Lineage' })).toHaveAttribute('href', '/lineage?run=12');
  });
});

describe('suggested names', () => {
  it('name a model after its pipeline and a table after its node and port', () => {
    expect(suggestModelName('House prices (v2)', 'train')).toBe('house-prices-v2');
    expect(suggestModelName(undefined, 'train_model')).toBe('train_model');
    expect(suggestDatasetName('split', 'first', 2)).toBe('split-first');
    expect(suggestDatasetName('clean', 'data', 1)).toBe('clean');
  });
});
