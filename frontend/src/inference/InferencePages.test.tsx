import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubFetch, type FetchCall } from '../test/fetchRoutes';
import { inferenceEndpoint, sampleRequest, scoringFailure, scoringStats } from '../test/inferenceFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { InferenceDetailPage } from './InferenceDetailPage';
import { InferencePage } from './InferencePage';

const page = <T,>(results: T[]) => jsonResponse(200, { results, next: null });
const bodies = (calls: FetchCall[], method: string) => calls.filter((call) => call.method === method).map((call) => JSON.parse(String(call.init.body)) as unknown);

function detailRoutes(extra: Parameters<typeof stubFetch>[0] = {}) {
  return stubFetch({
    'GET /api/inference/diabetes/': () => jsonResponse(200, inferenceEndpoint()),
    'GET /api/inference/diabetes/sample-request/': () => jsonResponse(200, sampleRequest()),
    'GET /api/inference/diabetes/stats/': () => jsonResponse(200, scoringStats()),
    'GET /api/inference/diabetes/failures/': () => page([scoringFailure(7)]),
    'GET /api/pipelines/': () => page([{ id: 40, name: 'Diabetes (real-time inference)', node_count: 4 }, { id: 41, name: 'Diabetes v2 (real-time inference)', node_count: 4 }]),
    'GET /api/pipelines/41/versions/': () => page([{ number: 2 }, { number: 1 }]),
    ...extra,
  });
}

function renderDetail(extra: Parameters<typeof stubFetch>[0] = {}) {
  const stub = detailRoutes(extra);
  renderWithProviders(<InferenceDetailPage />, { route: '/inference/diabetes', path: '/inference/:name' });
  return stub;
}

describe('InferencePage', () => {
  it('lists endpoints with their deployments and last hour', async () => {
    stubFetch({ 'GET /api/inference/': () => page([inferenceEndpoint()]) });
    renderWithProviders(<InferencePage />, { route: '/inference' });
    const row = await screen.findByTestId('inference-row-diabetes');
    expect(within(row).getByRole('link', { name: 'diabetes' })).toHaveAttribute('href', '/inference/diabetes');
    expect(row).toHaveTextContent('blue 80%');
    expect(row).toHaveTextContent('green 20%');
    expect(row).toHaveTextContent('3.1 ms / 9.8 ms');
  });

  it('says how to make one when there is none', async () => {
    stubFetch({ 'GET /api/inference/': () => page([]) });
    renderWithProviders(<InferencePage />, { route: '/inference' });
    expect(await screen.findByText('No real-time endpoints yet')).toBeInTheDocument();
    expect(screen.getByText('Create inference pipeline')).toBeInTheDocument();
  });

  it('creates an endpoint serving a pipeline and opens it', async () => {
    const { calls } = stubFetch({
      'GET /api/inference/': () => page([]),
      'GET /api/pipelines/': () => page([{ id: 40, name: 'Diabetes (real-time inference)', node_count: 4 }]),
      'POST /api/inference/': () => jsonResponse(201, inferenceEndpoint()),
    });
    renderWithProviders(<InferencePage />, { route: '/inference', extraRoutes: [{ path: '/inference/:name', element: <p>endpoint page</p> }] });
    fireEvent.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const form = screen.getByRole('form', { name: 'New real-time endpoint' });
    fireEvent.change(within(form).getByLabelText('Endpoint name'), { target: { value: 'Diabetes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create and deploy' }));
    expect(await within(form).findByText('Use lower-case letters only.')).toBeInTheDocument();
    expect(within(form).getByText('Pick the inference pipeline to serve.')).toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText('Endpoint name'), { target: { value: 'diabetes' } });
    const pipeline = within(form).getByLabelText('Inference pipeline');
    await within(pipeline).findByRole('option', { name: 'Diabetes (real-time inference)' });
    fireEvent.change(pipeline, { target: { value: '40' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create and deploy' }));
    expect(await screen.findByText('endpoint page')).toBeInTheDocument();
    expect(bodies(calls, 'POST')).toEqual([{ name: 'diabetes', description: '', deployments: [{ name: 'blue', pipeline: 40 }] }]);
  });
});

describe('InferenceDetailPage', () => {
  it('shows the deployments, what each serves, the schema, the sample request, stats and failures', async () => {
    renderDetail();
    expect(await screen.findByRole('heading', { name: 'diabetes', level: 1 })).toBeInTheDocument();
    const blue = screen.getByTestId('deployment-row-blue');
    expect(within(blue).getByRole('link', { name: 'pipeline 40 · v1' })).toHaveAttribute('href', '/pipelines/40/versions/1');
    expect(within(blue).getByRole('link', { name: 'run #12 · train.model' })).toHaveAttribute('href', '/runs/12?node=train');
    expect(screen.getByTestId('deployment-traffic-blue')).toHaveTextContent('80%');
    const green = screen.getByTestId('deployment-row-green');
    for (const link of within(green).getAllByRole('link', { name: 'model diabetes v3' })) {
      expect(link).toHaveAttribute('href', '/models/diabetes?version=3');
    }
    expect(green).toHaveTextContent('beef0123');
    expect(screen.getByTestId('input-schema')).toHaveTextContent('agedouble');

    const sample = screen.getByTestId('sample-request');
    expect(await within(sample).findByTestId('sample-curl')).toHaveTextContent("-H 'Authorization: Token <your API token>'");
    expect(within(sample).getByRole('link', { name: 'API token' })).toHaveAttribute('href', '/tokens?scope=inference%3Ascore%3Adiabetes');
    expect(within(sample).getByTestId('sample-json')).toHaveTextContent('"rows"');
    fireEvent.click(within(sample).getByRole('tab', { name: 'By columns' }));
    expect(within(sample).getByTestId('sample-json')).toHaveTextContent('"columns"');

    const stats = screen.getByTestId('endpoint-stats');
    expect(await within(stats).findByTestId('stats-count')).toHaveTextContent('12');
    expect(within(stats).getByTestId('stats-errors')).toHaveTextContent('2');
    expect(within(stats).getByTestId('stats-p95')).toHaveTextContent('9.8 ms');
    expect(within(stats).getByTestId('chart-requests').querySelector('path')?.getAttribute('d')).toMatch(/^M0,/);
    expect(within(stats).getByTestId('stats-deployment-blue')).toHaveTextContent('Diabetes (real-time inference) v1');
    expect(within(stats).getByTestId('stats-deployment-blue')).toHaveTextContent('run #12 · train.model');
    expect(within(stats).getByTestId('stats-deployment-old')).toHaveTextContent('removed');

    const failure = await screen.findByTestId('failure-7');
    expect(failure).toHaveTextContent("400 missing_column");
    expect(failure).toHaveTextContent("Row 0 has no column 'bmi'.");
    expect(failure).toHaveTextContent('age');
  });

  it('asks for the stats of the range picked', async () => {
    const { calls } = renderDetail();
    await screen.findByTestId('stats-count');
    fireEvent.change(screen.getByLabelText(/Over the/), { target: { value: '1440' } });
    await waitFor(() => expect(calls.some((call) => call.url.pathname.endsWith('/stats/') && call.url.searchParams.get('minutes') === '1440')).toBe(true));
  });

  it('adds a deployment with no traffic, keeping the others as they are', async () => {
    const { calls } = renderDetail({ 'PATCH /api/inference/diabetes/': () => jsonResponse(200, inferenceEndpoint({ revision: 4 })) });
    fireEvent.click(await screen.findByRole('button', { name: 'Add deployment' }));
    const form = screen.getByRole('form', { name: 'Add deployment' });
    expect(within(form).getByLabelText('Deployment name')).toHaveValue('canary');
    const pipeline = within(form).getByLabelText('Inference pipeline');
    await within(pipeline).findByRole('option', { name: 'Diabetes v2 (real-time inference)' });
    fireEvent.change(pipeline, { target: { value: '41' } });
    const version = within(form).getByLabelText('Pipeline version');
    await within(version).findByRole('option', { name: 'v2' });
    fireEvent.change(version, { target: { value: '2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Deploy' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add deployment' })).toBeNull());
    expect(bodies(calls, 'PATCH')).toEqual([
      { deployments: [{ name: 'blue' }, { name: 'green' }, { name: 'canary', pipeline: 41, pipeline_version: 2, traffic: 0 }] },
    ]);
  });

  it('removes a deployment without traffic after confirming; one with traffic cannot be', async () => {
    const endpoint = inferenceEndpoint();
    endpoint.deployments = endpoint.deployments.map((item) => ({ ...item, traffic: item.name === 'blue' ? 100 : 0 }));
    const { calls } = renderDetail({
      'GET /api/inference/diabetes/': () => jsonResponse(200, endpoint),
      'PATCH /api/inference/diabetes/': () => jsonResponse(200, { ...endpoint, deployments: [endpoint.deployments[0]] }),
    });
    expect(await screen.findByRole('button', { name: 'Remove deployment blue' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove deployment green' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove deployment' }));
    await waitFor(() => expect(screen.queryByTestId('deployment-row-green')).toBeNull());
    expect(bodies(calls, 'PATCH')).toEqual([{ deployments: [{ name: 'blue' }] }]);
  });

  it('points at the schema column a try was refused for', async () => {
    renderDetail({
      'POST /api/inference/diabetes/score': () => jsonResponse(400, { code: 'missing_column', message: "Row 0 has no column 'bmi'.", column: 'bmi', row: 0 }),
    });
    const body = await screen.findByLabelText('Request body');
    await waitFor(() => expect(body).not.toHaveValue(''));
    fireEvent.change(body, { target: { value: '{"rows": [{"age": 1}]}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByTestId('schema-column-bmi')).toHaveClass('flagged-row'));
    expect(screen.getByTestId('schema-column-age')).not.toHaveClass('flagged-row');
  });
});
