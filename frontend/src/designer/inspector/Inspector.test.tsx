import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataset, datasetComponent, registeredModel, registeredModelComponent } from '../../test/catalogFixtures';
import { stubFetch } from '../../test/fetchRoutes';
import { node } from '../../test/fixtures';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { useDocument } from '../document/documentStore';
import { useDesignerView } from '../viewStore';
import { Inspector } from './Inspector';

afterEach(() => vi.unstubAllGlobals());

function load(component: string, params: Record<string, string>) {
  useDocument.getState().load({
    id: 1,
    workspace: 'default',
    name: 'p',
    description: '',
    graph: { nodes: [{ ...node('source', component), params }], edges: [] },
    parameters: {},
    default_compute: 'default',
    revision: 1,
    created_at: '',
    updated_at: '',
  });
  useDesignerView.getState().inspect('source');
}

const params = () => useDocument.getState().draft!.graph.nodes[0]!.params;

beforeEach(() => {
  stubFetch({
    'GET /api/components/': () => jsonResponse(200, [datasetComponent, registeredModelComponent]),
    'GET /api/datasets/': () => jsonResponse(200, { results: [dataset('houses', 3), dataset('iris')], next: null }),
    'GET /api/datasets/houses/': () => jsonResponse(200, dataset('houses', 3)),
    'GET /api/models/': () => jsonResponse(200, { results: [registeredModel('price', 2, { production: 1 })], next: null }),
    'GET /api/models/price/': () => jsonResponse(200, registeredModel('price', 2, { production: 1 })),
  });
});

describe('Inspector of a source node', () => {
  it('picks a registered dataset by name and pins one of its versions', async () => {
    load('dataset@1.0.0', { name: 'houses', version: 'latest' });
    renderWithProviders(<Inspector />);
    const version = await screen.findByRole('option', { name: 'v2 · 200 rows' });
    const select = version.closest('select')!;
    expect(select).toHaveValue('latest');
    fireEvent.change(select, { target: { value: '2' } });
    expect(params()).toEqual({ name: 'houses', version: '2' });

    const name = screen.getByTestId('param-name');
    expect(within(name).getAllByRole('option').map((option) => option.textContent)).toEqual(['houses', 'iris']);
  });

  it('offers a model’s aliases next to its versions', async () => {
    load('registered_model@1.0.0', { name: 'price', version: 'latest' });
    renderWithProviders(<Inspector />);
    const alias = await screen.findByRole('option', { name: '@production (now v1)' });
    fireEvent.change(alias.closest('select')!, { target: { value: '@production' } });
    expect(params()).toEqual({ name: 'price', version: '@production' });
  });

  it('keeps a pinned version the server no longer lists, marked as not found', async () => {
    load('dataset@1.0.0', { name: 'houses', version: '9' });
    renderWithProviders(<Inspector />);
    expect(await screen.findByRole('option', { name: '9 (not found)' })).toBeInTheDocument();
  });
});
