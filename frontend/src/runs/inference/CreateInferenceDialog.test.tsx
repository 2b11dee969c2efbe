import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { stubFetch, type FetchCall } from '../../test/fetchRoutes';
import { derived, inferenceEndpoint, savedPipeline, trainingRun } from '../../test/inferenceFixtures';
import { installReactFlowEnv } from '../../test/reactFlowEnv';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { node } from '../../test/fixtures';
import type { DeriveRequest } from '../../api/models';
import { CreateInferenceButton } from './CreateInferenceButton';
import { CreateInferenceDialog } from './CreateInferenceDialog';

const DERIVE = 'POST /api/runs/12/inference-pipeline/';

const bodyOf = (call: FetchCall) => JSON.parse(String(call.init.body)) as DeriveRequest;
const deriveCalls = (calls: FetchCall[]) => calls.filter((call) => `${call.method} ${call.url.pathname}` === DERIVE).map(bodyOf);

/** Answers a preview with the derived graph of the kind asked for, and a save with the pipeline too. */
function stubDerive() {
  return stubFetch({
    [DERIVE]: (_url, init) => {
      const body = JSON.parse(String(init.body)) as DeriveRequest;
      const answer = derived(body.kind);
      return jsonResponse(201, body.save ? { ...answer, pipeline: savedPipeline(body.name ?? '', answer.graph) } : answer);
    },
  });
}

beforeAll(installReactFlowEnv);

describe('CreateInferenceDialog', () => {
  it('shows the derived graph as a diff before saving, then saves and links to the designer', async () => {
    const { calls } = stubDerive();
    renderWithProviders(<CreateInferenceDialog run={trainingRun()} onClose={() => {}} />);

    const graph = await screen.findByTestId('inference-diff-graph');
    expect(deriveCalls(calls)).toEqual([{ kind: 'realtime', save: false }]);
    expect(within(graph).getByTestId('diff-node-web_service_input')).toHaveAttribute('data-mark', 'replaced');
    expect(within(graph).getByTestId('diff-node-web_service_input')).toHaveTextContent('for load');
    expect(within(graph).getByTestId('diff-node-train_model')).toHaveTextContent('for train');
    expect(within(graph).getByTestId('diff-node-web_service_output')).toHaveAttribute('data-mark', 'added');
    expect(within(graph).getByTestId('diff-node-score')).toHaveAttribute('data-mark', 'kept');
    const removed = screen.getByTestId('inference-diff-removed');
    expect(within(removed).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'split split_data',
      'learner linear_regression',
      'evaluate evaluate_model',
    ]);
    expect(screen.getByTestId('inference-diff-replaced')).toHaveTextContent('train train_model → train_model run_output');
    expect(screen.getByTestId('inference-input-schema')).toHaveTextContent('agebmi');

    expect(screen.getByLabelText('Name')).toHaveValue('Diabetes (real-time inference)');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '  Diabetes online ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const saved = await screen.findByTestId('inference-saved');
    expect(saved).toHaveTextContent('Saved Diabetes online as a new pipeline');
    expect(deriveCalls(calls).at(-1)).toEqual({ kind: 'realtime', name: 'Diabetes online', save: true });
    expect(within(saved).getByRole('link', { name: 'Open in designer' })).toHaveAttribute('href', '/pipelines/40');
  });

  it('deploys a saved real-time pipeline as a new endpoint and links to it', async () => {
    const { calls } = stubFetch({
      [DERIVE]: (_url, init) => {
        const body = JSON.parse(String(init.body)) as DeriveRequest;
        const answer = derived(body.kind);
        return jsonResponse(201, body.save ? { ...answer, pipeline: savedPipeline(body.name ?? '', answer.graph) } : answer);
      },
      'POST /api/inference/': (_url, init) =>
        jsonResponse(201, inferenceEndpoint({ name: (JSON.parse(String(init.body)) as { name: string }).name, url: '/api/inference/diabetes-online/score' })),
    });
    renderWithProviders(<CreateInferenceDialog run={trainingRun()} onClose={() => {}} />);
    await screen.findByTestId('inference-diff-graph');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Diabetes online (real-time inference)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Deploy' }));

    const name = screen.getByLabelText('Endpoint name');
    expect(name).toHaveValue('diabetes-online');
    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    const result = await screen.findByTestId('deploy-result');
    expect(within(result).getByRole('link', { name: 'Open endpoint diabetes-online' })).toHaveAttribute('href', '/inference/diabetes-online');
    const created = calls.find((call) => call.url.pathname === '/api/inference/');
    expect(JSON.parse(String(created!.init.body))).toEqual({
      name: 'diabetes-online',
      description: '',
      deployments: [{ name: 'blue', pipeline: 40 }],
    });
  });

  it('offers no deployment for a batch pipeline', async () => {
    stubDerive();
    renderWithProviders(<CreateInferenceDialog run={trainingRun()} onClose={() => {}} />);
    await screen.findByTestId('inference-diff-graph');
    fireEvent.click(screen.getByRole('radio', { name: /Batch/ }));
    await screen.findByTestId('diff-node-input_dataset');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('inference-saved')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull();
  });

  it('asks again for the other kind, and the suggested name follows the kind', async () => {
    const { calls } = stubDerive();
    renderWithProviders(<CreateInferenceDialog run={trainingRun()} onClose={() => {}} />);
    await screen.findByTestId('diff-node-web_service_input');

    fireEvent.click(screen.getByRole('radio', { name: /Batch/ }));
    expect(await screen.findByTestId('diff-node-input_dataset')).toHaveAttribute('data-mark', 'replaced');
    expect(deriveCalls(calls).at(-1)).toEqual({ kind: 'batch', save: false });
    expect(screen.getByLabelText('Name')).toHaveValue('Diabetes (batch inference)');
    expect(screen.getByTestId('inference-input-schema')).toHaveTextContent('None: the rows come from a dataset.');
  });

  it('lets a person pick the scoring node when the run has several', async () => {
    const { calls } = stubDerive();
    const run = trainingRun();
    run.graph!.nodes.push(node('score_test', 'score_model@1.0.0'));
    renderWithProviders(<CreateInferenceDialog run={run} onClose={() => {}} />);
    await screen.findByTestId('inference-diff-graph');
    expect(deriveCalls(calls)[0]).toEqual({ kind: 'realtime', save: false, node: 'score' });

    fireEvent.change(screen.getByLabelText('Scoring node'), { target: { value: 'score_test' } });
    await waitFor(() => expect(deriveCalls(calls).at(-1)).toEqual({ kind: 'realtime', save: false, node: 'score_test' }));
  });

  it('says why the server could not derive, and offers every node to score with', async () => {
    const { calls } = stubFetch({
      [DERIVE]: (_url, init) =>
        bodyOf({ init } as FetchCall).node
          ? jsonResponse(201, derived('realtime'))
          : jsonResponse(400, { code: 'cannot_derive', message: 'Cannot derive: the training pipeline has no scoring node.', node: null }),
    });
    renderWithProviders(<CreateInferenceDialog run={trainingRun()} onClose={() => {}} />);
    expect(await screen.findByTestId('inference-preview-error')).toHaveTextContent('has no scoring node');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    const select = screen.getByLabelText('Scoring node');
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Choose the scoring node',
      'load',
      'split',
      'learner',
      'train',
      'score',
      'evaluate',
    ]);
    fireEvent.change(select, { target: { value: 'train' } });
    await screen.findByTestId('inference-diff-graph');
    expect(deriveCalls(calls).at(-1)).toEqual({ kind: 'realtime', save: false, node: 'train' });
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  });

  it('refuses an empty name without asking the server', async () => {
    const { calls } = stubDerive();
    renderWithProviders(<CreateInferenceDialog run={trainingRun()} onClose={() => {}} />);
    await screen.findByTestId('inference-diff-graph');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Give the pipeline a name.')).toBeInTheDocument();
    expect(deriveCalls(calls).filter((body) => body.save)).toEqual([]);
  });
});

describe('CreateInferenceButton', () => {
  it('is enabled on a completed run only, and opens the dialog', async () => {
    stubDerive();
    const { unmount } = renderWithProviders(<CreateInferenceButton run={trainingRun({ status: 'running' })} status="running" />);
    expect(screen.getByRole('button', { name: 'Create inference pipeline' })).toBeDisabled();
    unmount();
    renderWithProviders(<CreateInferenceButton run={trainingRun()} status="completed" />);
    fireEvent.click(screen.getByRole('button', { name: 'Create inference pipeline' }));
    expect(await screen.findByRole('dialog', { name: 'Create inference pipeline' })).toBeInTheDocument();
  });
});
