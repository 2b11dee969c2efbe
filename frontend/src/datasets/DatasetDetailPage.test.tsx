import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataset, datasetVersion } from '../test/catalogFixtures';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { DatasetDetailPage } from './DatasetDetailPage';

afterEach(() => vi.unstubAllGlobals());

const profile = {
  row_count: 200,
  profiled_rows: 200,
  sampled: false,
  columns: [
    { name: 'rooms', dtype: 'int64', count: 200, missing: 0, unique: 6, mean: 3.2, std: 1.1, min: 1, max: 6, histogram: { edges: [1, 2, 4, 6], counts: [50, 100, 50] }, top: [] },
    { name: 'city', dtype: 'large_string', count: 190, missing: 10, unique: 3, mean: null, std: null, min: null, max: null, histogram: null, top: [{ value: 'Oslo', count: 90 }] },
  ],
};

function houses() {
  const detail = dataset('houses', 2);
  detail.versions[1] = datasetVersion(1, { source: { kind: 'run', run: 12, node: 'clean', port: 'data' } });
  return detail;
}

function renderPage(route = '/datasets/houses', extra: Parameters<typeof stubFetch>[0] = {}) {
  const stub = stubFetch({
    'GET /api/datasets/houses/': () => jsonResponse(200, houses()),
    'GET /api/datasets/houses/versions/2/profile/': () => jsonResponse(200, profile),
    'GET /api/datasets/houses/versions/1/profile/': () => jsonResponse(200, { ...profile, row_count: 100 }),
    'GET /api/datasets/houses/versions/2/preview/': () => jsonResponse(200, { columns: ['rooms', 'city'], rows: [[3, 'Oslo']], row_count: 200 }),
    ...extra,
  });
  renderWithProviders(<DatasetDetailPage />, { route, path: '/datasets/:name', extraRoutes: [{ path: '/datasets', element: <p>datasets list</p> }] });
  return stub;
}

describe('DatasetDetailPage', () => {
  it('shows the newest version’s profile with histograms, then its preview and schema', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: 'houses', level: 1 })).toBeInTheDocument();
    const panel = screen.getByTestId('dataset-version-2');
    const rooms = await within(panel).findByTestId('dataset-profile-rooms');
    // The charts load as a chunk of their own: wait for it.
    const roomsChart = await within(rooms).findByRole('img', { name: 'Distribution of rooms' });
    await waitFor(() => expect(roomsChart.querySelectorAll('rect.visx-bar')).toHaveLength(3));
    expect(within(panel).getByTestId('dataset-profile-city')).toHaveTextContent('Oslo (90)');
    expect(within(panel).getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/datasets/houses/versions/2/download/?format=csv');
    expect(within(panel).getByRole('link', { name: 'Lineage' })).toHaveAttribute('href', '/lineage?dataset=houses&version=2');

    fireEvent.click(within(panel).getByRole('tab', { name: 'Preview' }));
    expect(await within(panel).findByTestId('dataset-preview')).toHaveTextContent('Oslo');
    fireEvent.click(within(panel).getByRole('tab', { name: 'Schema' }));
    expect(within(panel).getByTestId('dataset-schema')).toHaveTextContent('price');
  });

  it('picks another version from the list, with where it came from', async () => {
    renderPage();
    const versions = await screen.findByTestId('dataset-versions');
    expect(within(versions).getByRole('link', { name: 'run 12 · clean.data' })).toHaveAttribute('href', '/runs/12?node=clean');
    fireEvent.click(within(versions).getByRole('button', { name: 'Show v1' }));
    expect(await screen.findByTestId('dataset-version-1')).toBeInTheDocument();
  });

  it('opens the version the URL names', async () => {
    renderPage('/datasets/houses?version=1');
    expect(await screen.findByTestId('dataset-version-1')).toBeInTheDocument();
  });

  it('falls back to the newest when the URL names a version that does not exist', async () => {
    renderPage('/datasets/houses?version=7');
    expect(await screen.findByRole('status')).toHaveTextContent('houses has no version 7; showing the newest.');
    expect(screen.getByTestId('dataset-version-2')).toBeInTheDocument();
  });

  it('edits the description and tags', async () => {
    const { calls } = renderPage(undefined, { 'PATCH /api/datasets/houses/': () => jsonResponse(200, houses()) });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit description and tags' }));
    const form = screen.getByRole('form', { name: 'Description and tags' });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'Sale prices in Oslo' } });
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'oslo, prices' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(JSON.parse(patch.init.body as string)).toEqual({ description: 'Sale prices in Oslo', tags: ['oslo', 'prices'] });
  });

  it('deletes the dataset after asking, and goes back to the list', async () => {
    renderPage(undefined, { 'DELETE /api/datasets/houses/': () => new Response(null, { status: 204 }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete dataset' }));
    expect(await screen.findByText('datasets list')).toBeInTheDocument();
  });

  it('says so when there is no such dataset', async () => {
    stubFetch({ 'GET /api/datasets/gone/': () => jsonResponse(404, { code: 'not_found', message: 'No dataset named gone.' }) });
    renderWithProviders(<DatasetDetailPage />, { route: '/datasets/gone', path: '/datasets/:name' });
    expect(await screen.findByRole('alert')).toHaveTextContent('No dataset named gone.');
  });
});
