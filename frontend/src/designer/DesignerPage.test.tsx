import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Pipeline } from '../api/models';
import { installReactFlowEnv } from '../test/reactFlowEnv';
import { loadCsv, sampleGraph, sampleRun, splitData, trainModel } from '../test/fixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { DesignerPage } from './DesignerPage';
import { useDocument } from './document/documentStore';

const pipeline: Pipeline = {
  id: 3,
  workspace: 'default',
  name: 'Churn',
  description: '',
  graph: sampleGraph(),
  parameters: {},
  default_compute: 'default',
  revision: 4,
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
};

type Handler = (init: RequestInit) => Response;

/** Answers fixed responses per "METHOD path"; records every request. */
function stubFetch(handlers: Record<string, Handler>) {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      calls.push({ key, body: init.body ? JSON.parse(init.body as string) : undefined });
      const handler = handlers[key];
      return handler ? handler(init) : jsonResponse(404, { message: `no fixture for ${key}` });
    }),
  );
  return calls;
}

const base: Record<string, Handler> = {
  'GET /api/pipelines/3/': () => jsonResponse(200, pipeline),
  'GET /api/components/': () => jsonResponse(200, [loadCsv, splitData, trainModel]),
};

function renderDesigner() {
  return renderWithProviders(<DesignerPage />, {
    route: '/pipelines/3',
    path: '/pipelines/:id',
    extraRoutes: [{ path: '/runs/:id', element: <p>run view</p> }],
  });
}

beforeAll(installReactFlowEnv);
afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
  useDocument.setState({ draft: null, change: 0, savedChange: 0 });
});

describe('DesignerPage', () => {
  it('loads the pipeline and the palette', async () => {
    stubFetch(base);
    renderDesigner();
    expect(await screen.findByTestId('node-split')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue('Churn');
    expect(await screen.findByTestId('palette-item-split_data')).toHaveAttribute('draggable', 'true');
    expect(screen.getByPlaceholderText('Search components')).toBeInTheDocument();
    expect(screen.getByTestId('save-state')).toHaveTextContent('Saved');
  });

  it('asks for the component list while the pipeline is still on its way', async () => {
    let answer: (response: Response) => void = () => undefined;
    const pending = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    const calls = stubFetch({ ...base, 'GET /api/pipelines/3/': () => pending as unknown as Response });
    renderDesigner();
    await waitFor(() => expect(calls.map((call) => call.key)).toContain('GET /api/components/'));
    expect(screen.getByText('Loading pipeline…')).toBeInTheDocument();
    answer(jsonResponse(200, pipeline));
    expect(await screen.findByTestId('handle-split-out-second')).toBeInTheDocument();
  });

  it('validates the draft and shows the errors on the nodes and in a list', async () => {
    const calls = stubFetch({
      ...base,
      'POST /api/pipelines/3/validate/': () =>
        jsonResponse(200, {
          valid: false,
          errors: [{ node: 'train', port: null, param: 'label', code: 'missing_param', message: 'label is required' }],
        }),
    });
    renderDesigner();
    await screen.findByTestId('node-train');
    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));

    expect(await screen.findByTestId('node-error-train')).toHaveTextContent('label is required');
    expect(within(screen.getByTestId('issues-list')).getByText('label is required')).toBeInTheDocument();
    const validate = calls.find((call) => call.key === 'POST /api/pipelines/3/validate/');
    expect(validate?.body).toEqual({ graph: sampleGraph(), parameters: {} });
  });

  it('says when the pipeline is valid', async () => {
    stubFetch({ ...base, 'POST /api/pipelines/3/validate/': () => jsonResponse(200, { valid: true, errors: [] }) });
    renderDesigner();
    await screen.findByTestId('node-train');
    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(await screen.findByText('Pipeline is valid')).toBeInTheDocument();
  });

  it('saves with the revision it started from, and offers Reload on a conflict', async () => {
    const calls = stubFetch({
      ...base,
      'PUT /api/pipelines/3/': () => jsonResponse(409, { code: 'stale_revision', message: 'Stale', revision: 6 }),
    });
    renderDesigner();
    const name = await screen.findByRole('textbox', { name: 'Pipeline name' });
    fireEvent.change(name, { target: { value: 'Churn v2' } });
    expect(screen.getByTestId('save-state')).toHaveTextContent('Unsaved changes');
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });

    const banner = await screen.findByTestId('save-conflict');
    expect(banner).toHaveTextContent('changed elsewhere');
    expect(within(banner).getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    const put = calls.find((call) => call.key === 'PUT /api/pipelines/3/');
    expect(put?.body).toMatchObject({ name: 'Churn v2', revision: 4, graph: sampleGraph(), parameters: {} });
  });

  it('saves a dirty draft before submitting, then shows the run over the canvas', async () => {
    const calls = stubFetch({
      ...base,
      'PUT /api/pipelines/3/': () => jsonResponse(200, { ...pipeline, name: 'Renamed', revision: 5 }),
      'POST /api/pipelines/3/runs/': () => jsonResponse(201, sampleRun({ id: 77 })),
    });
    renderDesigner();
    fireEvent.change(await screen.findByRole('textbox', { name: 'Pipeline name' }), { target: { value: 'Renamed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Submit a run' })).getByRole('button', { name: 'Submit run' }));

    const overlay = await screen.findByTestId('designer-run-overlay');
    expect(within(overlay).getByRole('link', { name: 'Open run view' })).toHaveAttribute('href', '/runs/77');
    const keys = calls.map((call) => call.key).filter((key) => !key.startsWith('GET'));
    expect(keys.filter((key) => !key.endsWith('schemas/'))).toEqual(['PUT /api/pipelines/3/', 'POST /api/pipelines/3/runs/']);
    expect(calls.find((call) => call.key === 'POST /api/pipelines/3/runs/')?.body).toEqual({});
  });

  it('shows submit errors like validation errors', async () => {
    stubFetch({
      ...base,
      'POST /api/pipelines/3/runs/': () =>
        jsonResponse(400, {
          code: 'invalid_pipeline',
          message: 'The pipeline is not valid',
          errors: [{ node: 'split', port: 'data', param: null, code: 'missing_input', message: 'data is not connected' }],
        }),
    });
    renderDesigner();
    await screen.findByTestId('node-split');
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Submit a run' })).getByRole('button', { name: 'Submit run' }));
    expect(await screen.findByTestId('node-error-split')).toHaveTextContent('data is not connected');
    await waitFor(() => expect(screen.queryByText('run view')).toBeNull());
  });

  it('autosaves about a second after the last edit', async () => {
    const calls = stubFetch({
      ...base,
      'PUT /api/pipelines/3/': () => jsonResponse(200, { ...pipeline, name: 'Typed', revision: 5 }),
    });
    renderDesigner();
    fireEvent.change(await screen.findByRole('textbox', { name: 'Pipeline name' }), { target: { value: 'Typed' } });
    expect(calls.some((call) => call.key === 'PUT /api/pipelines/3/')).toBe(false);
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent('Saved'), { timeout: 3000 });
    expect(calls.filter((call) => call.key === 'PUT /api/pipelines/3/')).toHaveLength(1);
    expect(window.localStorage.getItem('pipewright.draft.3.4')).toBeNull();
  });

  it('offers to restore unsaved work the browser kept, as an undoable edit', async () => {
    const kept = {
      pipelineId: '3',
      baseRevision: 4,
      savedAt: '2026-11-25T11:00:00.000Z',
      document: { name: 'Churn (unsaved)', description: '', graph: sampleGraph(), parameters: {} },
    };
    window.localStorage.setItem('pipewright.draft.3.4', JSON.stringify(kept));
    stubFetch({ ...base, 'PUT /api/pipelines/3/': () => jsonResponse(200, { ...pipeline, revision: 5 }) });
    renderDesigner();
    const offer = await screen.findByTestId('draft-offer');
    expect(screen.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue('Churn');
    fireEvent.click(within(offer).getByRole('button', { name: 'Restore unsaved changes' }));
    expect(screen.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue('Churn (unsaved)');
    expect(screen.queryByTestId('draft-offer')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue('Churn');
  });

  it('asks for parameter values before submitting a pipeline that has parameters', async () => {
    const withParams = { ...pipeline, parameters: { seed: { type: 'integer', default: 1, description: 'Random seed' } } };
    const calls = stubFetch({
      ...base,
      'GET /api/pipelines/3/': () => jsonResponse(200, withParams),
      'POST /api/pipelines/3/runs/': () => jsonResponse(201, sampleRun({ id: 78 })),
    });
    renderDesigner();
    await screen.findByTestId('node-split');
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit a run' });
    const seed = within(dialog).getByLabelText('Value of seed for this run');
    expect(seed).toHaveAttribute('placeholder', 'default: 1');
    fireEvent.change(seed, { target: { value: '9' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Submit run' }));
    await screen.findByTestId('designer-run-overlay');
    expect(calls.find((call) => call.key === 'POST /api/pipelines/3/runs/')?.body).toEqual({ parameters: { seed: 9 } });
  });

  it('publishes to an endpoint: checks the name, shows a refused graph, then the version made', async () => {
    let refuse = true;
    const calls = stubFetch({
      ...base,
      'GET /api/endpoints/': () => jsonResponse(200, { results: [], next: null }),
      'POST /api/pipelines/3/publish/': () => {
        if (refuse) {
          refuse = false;
          return jsonResponse(400, { code: 'invalid_pipeline', message: 'The pipeline has 1 problem(s)', errors: [{ node: 'train', message: 'label is required' }] });
        }
        return jsonResponse(201, { endpoint: 'churn-nightly', version: 1, default_version: 1, pipeline_version: 2 });
      },
    });
    renderDesigner();
    await screen.findByTestId('node-split');
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByTestId('publish-dialog');
    const name = within(dialog).getByLabelText('Endpoint');
    fireEvent.change(name, { target: { value: 'Churn Nightly' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(await within(dialog).findByText('Use only lower-case letters, digits, - and _ (no spaces).')).toBeInTheDocument();
    expect(calls.some((call) => call.key.startsWith('POST /api/pipelines/3/publish/'))).toBe(false);

    fireEvent.change(name, { target: { value: 'churn-nightly' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(await within(dialog).findByText('train: label is required')).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    const result = await within(dialog).findByTestId('publish-result');
    expect(result).toHaveTextContent('Published churn-nightly version v1 (pipeline version 2)');
    expect(within(result).getByRole('link', { name: 'Open endpoint churn-nightly' })).toHaveAttribute('href', '/endpoints/churn-nightly');
    expect(calls.find((call) => call.key === 'POST /api/pipelines/3/publish/')?.body).toEqual({ endpoint: 'churn-nightly', description: '' });
  });
});
