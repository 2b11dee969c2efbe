import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Endpoint } from '../api/models';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { EndpointDetailPage } from './EndpointDetailPage';

afterEach(() => vi.unstubAllGlobals());

const version = (number: number, description: string) => ({
  version: number,
  pipeline: 3,
  pipeline_version: number + 1,
  description,
  parameters: [{ name: 'seed', type: 'integer', default: 7, description: 'Split seed' }],
  created_at: '2026-11-25T10:00:00Z',
});

const endpoint: Endpoint = {
  name: 'nightly',
  workspace: 'default',
  description: 'Retrain every night',
  enabled: true,
  default_version: 1,
  versions: [version(1, 'first'), version(2, 'second')],
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
};

function renderPage(extra: Parameters<typeof stubFetch>[0] = {}) {
  const stub = stubFetch({
    'GET /api/endpoints/nightly/': () => jsonResponse(200, endpoint),
    'GET /api/schedules/': () => jsonResponse(200, { results: [], next: null }),
    'GET /api/runs/': () =>
      jsonResponse(200, [
        { id: 9, pipeline: 3, pipeline_name: 'P', version: 2, experiment: 'nightly', status: 'completed', trigger: { kind: 'endpoint', endpoint: 'nightly', version: 1 }, created_at: '2026-11-25T10:00:00Z', started_at: null, finished_at: null },
        { id: 8, pipeline: 4, pipeline_name: 'Q', version: 1, experiment: 'other', status: 'completed', trigger: { kind: 'endpoint', endpoint: 'other', version: 1 }, created_at: '2026-11-25T10:00:00Z', started_at: null, finished_at: null },
      ]),
    ...extra,
  });
  renderWithProviders(<EndpointDetailPage />, { route: '/endpoints/nightly', path: '/endpoints/:name' });
  return stub;
}

describe('EndpointDetailPage', () => {
  it('shows versions, the default version’s parameters, the call examples and this endpoint’s runs', async () => {
    const { calls } = renderPage();
    const first = await screen.findByTestId('endpoint-version-1');
    expect(first).toHaveTextContent('default');
    expect(within(first).getByRole('link', { name: 'pipeline 3 · v2' })).toHaveAttribute('href', '/pipelines/3/versions/2');
    expect(screen.getByTestId('endpoint-parameters')).toHaveTextContent('seed');
    expect(screen.getByTestId('call-example-curl')).toHaveTextContent("-d '{\"parameters\":{\"seed\":7}}'");
    fireEvent.click(screen.getByRole('tab', { name: 'Python' }));
    expect(screen.getByTestId('call-example-python')).toHaveTextContent('TOKEN = "<YOUR-TOKEN>"');
    const runs = await screen.findByTestId('endpoint-runs');
    expect(within(runs).getByRole('link', { name: '#9' })).toBeInTheDocument();
    expect(within(runs).queryByRole('link', { name: '#8' })).toBeNull();
    expect(calls.some((call) => call.url.pathname === '/api/runs/' && call.url.searchParams.get('trigger') === 'endpoint')).toBe(true);
  });

  it('makes a version the default and disables the endpoint', async () => {
    const { calls } = renderPage({
      'PATCH /api/endpoints/nightly/': (_url, init) => jsonResponse(200, { ...endpoint, ...JSON.parse(init.body as string) }),
    });
    const second = await screen.findByTestId('endpoint-version-2');
    fireEvent.click(within(second).getByRole('button', { name: 'Make default' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(2));
    const bodies = calls.filter((call) => call.method === 'PATCH').map((call) => JSON.parse(call.init.body as string));
    expect(bodies).toEqual([{ default_version: 2 }, { enabled: false }]);
  });

  it('runs the endpoint with the changed values and links to the run', async () => {
    const { calls } = renderPage({
      'POST /api/endpoints/nightly/runs/': () => jsonResponse(201, { run_id: 12, status: 'queued', url: '', status_url: '', endpoint: 'nightly', version: 1 }),
    });
    const form = await screen.findByRole('form', { name: 'Run the endpoint now' });
    fireEvent.change(within(form).getByLabelText(/seed/), { target: { value: '11' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run now' }));
    expect(await within(form).findByRole('link', { name: 'run #12' })).toHaveAttribute('href', '/runs/12');
    expect(JSON.parse(calls.find((call) => call.method === 'POST')?.init.body as string)).toEqual({ parameters: { seed: 11 } });
  });
});
