import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PipelineSample } from '../api/pipelineSamples';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { PipelinesPage } from './PipelinesPage';

afterEach(() => vi.unstubAllGlobals());

const sample = (key: string, name: string): PipelineSample => ({
  key,
  name,
  description: `What ${name} shows`,
  node_count: 2,
  parameters: {},
  graph: {
    nodes: [
      { id: 'load', component: 'sample_dataset@1.0.0', position: { x: 0, y: 0 } },
      { id: 'split', component: 'split_data@1.1.0', position: { x: 300, y: 0 } },
    ],
    edges: [{ source: 'load', source_port: 'data', target: 'split', target_port: 'data' }],
  },
});

const samples = [sample('diabetes_regression', 'Sample: diabetes regression'), sample('wine_multiclass', 'Sample: wine')];
const cloned = { id: 41, name: 'Sample: wine', description: '', graph: samples[1]!.graph, parameters: {}, revision: 1 };

function renderPage() {
  return renderWithProviders(<PipelinesPage />, {
    route: '/',
    path: '/',
    extraRoutes: [{ path: '/pipelines/:id', element: <p>designer page</p> }],
  });
}

describe('the sample gallery', () => {
  it('is the empty state: a card per sample with a picture of its graph; opening one clones it and opens the canvas', async () => {
    const { calls } = stubFetch({
      'GET /api/pipelines/': () => jsonResponse(200, []),
      'GET /api/runs/': () => jsonResponse(200, []),
      'GET /api/pipelines/samples/': () => jsonResponse(200, samples),
      'POST /api/pipelines/samples/wine_multiclass/clone/': () => jsonResponse(201, cloned),
    });
    renderPage();

    const empty = await screen.findByTestId('pipelines-empty');
    const card = await within(empty).findByTestId('sample-card-wine_multiclass');
    expect(card).toHaveTextContent('Sample: wine');
    expect(card).toHaveTextContent('What Sample: wine shows');
    expect(card).toHaveTextContent('2 steps');
    expect(card.querySelectorAll('rect')).toHaveLength(2);
    expect(card.querySelectorAll('line')).toHaveLength(1);

    fireEvent.click(within(card).getByRole('button', { name: 'Open Sample: wine' }));
    expect(await screen.findByText('designer page')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url.pathname)).toEqual([
      '/api/pipelines/samples/wine_multiclass/clone/',
    ]);
  });

  it('opens from "New from sample" when there are pipelines, and says when a clone fails', async () => {
    stubFetch({
      'GET /api/pipelines/': () =>
        jsonResponse(200, [{ id: 1, name: 'Churn', description: '', revision: 1, node_count: 3, created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z' }]),
      'GET /api/runs/': () => jsonResponse(200, []),
      'GET /api/pipelines/samples/': () => jsonResponse(200, samples),
      'POST /api/pipelines/samples/diabetes_regression/clone/': () =>
        jsonResponse(403, { code: 'forbidden', message: 'You may not create pipelines here.' }),
    });
    renderPage();
    await screen.findByTestId('pipelines-table');
    expect(screen.queryByTestId('sample-gallery')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'New from sample' }));
    const dialog = await screen.findByRole('dialog', { name: 'New from a sample' });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Open Sample: diabetes regression' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You may not create pipelines here.');

    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
