import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lineageSubjectOf, lineagePagePath } from '../shared/catalogPaths';
import { sampleLineage } from '../test/catalogFixtures';
import { stubFetch } from '../test/fetchRoutes';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { jsonResponse, renderWithProviders } from '../test/render';
import { lineageNodePath } from './LineageGraph';
import { LineagePage } from './LineagePage';

beforeAll(installReactFlowEnv);
afterEach(() => vi.unstubAllGlobals());

function renderLineage(route: string, routes: Parameters<typeof stubFetch>[0]) {
  const stub = stubFetch(routes);
  renderWithProviders(
    <div style={{ width: 1000, height: 600 }}>
      <LineagePage />
    </div>,
    {
      route,
      path: '/lineage',
      extraRoutes: [
        { path: '/runs/:id', element: <p>run page</p> },
        { path: '/datasets/:name', element: <p>dataset page</p> },
      ],
    },
  );
  return stub;
}

describe('LineagePage', () => {
  it('draws what produced a model version and what used it, each kind marked, the root highlighted', async () => {
    const { calls } = renderLineage('/lineage?model=price&version=1', {
      'GET /api/models/price/versions/1/lineage/': () => jsonResponse(200, sampleLineage()),
    });
    const root = await screen.findByTestId('lineage-node-model:price:1');
    expect(root).toHaveClass('root');
    expect(root).toHaveAttribute('data-kind', 'model');
    expect(screen.getByTestId('lineage-node-dataset:houses:2')).toHaveTextContent('houses v2');
    expect(screen.getByTestId('lineage-node-run:15')).toHaveTextContent('Run 15 · Score');
    expect(screen.getByTestId('lineage-node-run:15')).toHaveTextContent('failed');
    expect(screen.getByRole('heading', { name: 'Lineage of price v1' })).toBeInTheDocument();
    expect(calls.map((call) => call.url.pathname)).toContain('/api/models/price/versions/1/lineage/');
  });

  it('opens the page of a node clicked', async () => {
    renderLineage('/lineage?run=12', { 'GET /api/runs/12/lineage/': () => jsonResponse(200, { ...sampleLineage(), root: 'run:12' }) });
    fireEvent.click(await screen.findByTestId('lineage-node-dataset:houses:2'));
    expect(await screen.findByText('dataset page')).toBeInTheDocument();
  });

  it('says when nothing produced or used it yet', async () => {
    const alone = { root: 'dataset:houses:1', nodes: [{ id: 'dataset:houses:1', kind: 'dataset', label: 'houses v1', name: 'houses', version: 1, created_at: '' }], edges: [] };
    renderLineage('/lineage?dataset=houses&version=1', { 'GET /api/datasets/houses/versions/1/lineage/': () => jsonResponse(200, alone) });
    expect(await screen.findByRole('status')).toHaveTextContent('Nothing produced or used houses v1');
  });

  it('says there is nothing to draw for a dataset version no run has used', async () => {
    renderLineage('/lineage?dataset=iris&version=1', {
      'GET /api/datasets/iris/versions/1/lineage/': () => jsonResponse(404, { code: 'not_found', message: "No dataset 'iris' version 1 is known." }),
    });
    expect(await screen.findByRole('status')).toHaveTextContent('No run has used iris v1 yet');
  });

  it('says how to get here when the address names nothing', () => {
    renderLineage('/lineage', {});
    expect(screen.getByText(/Open lineage from a dataset version/)).toBeInTheDocument();
  });
});

describe('lineage addresses', () => {
  it('go both ways between a subject and its URL', () => {
    for (const subject of [
      { kind: 'dataset', name: 'houses/2026', version: 3 },
      { kind: 'model', name: 'price', version: 1 },
      { kind: 'run', run: 17 },
    ] as const) {
      const url = new URL(lineagePagePath(subject), 'http://x');
      expect(lineageSubjectOf(url.searchParams)).toEqual(subject);
    }
    expect(lineageSubjectOf(new URLSearchParams('dataset=houses'))).toBeNull();
    expect(lineageSubjectOf(new URLSearchParams('run=abc'))).toBeNull();
  });

  it('lead from each node to its page', () => {
    const [dataset, run, model] = sampleLineage().nodes;
    expect(lineageNodePath(dataset!)).toBe('/datasets/houses?version=2');
    expect(lineageNodePath(run!)).toBe('/runs/12');
    expect(lineageNodePath(model!)).toBe('/models/price?version=1');
  });
});
