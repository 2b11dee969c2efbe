import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { stubFetch, type Handler } from '../test/fetchRoutes';
import { inferenceEndpoint, sampleRequest } from '../test/inferenceFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { TryItPanel } from './TryItPanel';

const SCORE = 'POST /api/inference/diabetes/score';

function renderPanel(score: Handler) {
  const { calls } = stubFetch({
    'GET /api/inference/diabetes/sample-request/': () => jsonResponse(200, sampleRequest()),
    [SCORE]: score,
  });
  const onRefusedColumn = vi.fn();
  renderWithProviders(<TryItPanel endpoint={inferenceEndpoint()} onRefusedColumn={onRefusedColumn} />);
  const scoreCalls = () => calls.filter((call) => `${call.method} ${call.url.pathname}` === SCORE);
  return { onRefusedColumn, scoreCalls };
}

const body = () => screen.getByLabelText('Request body');

describe('TryItPanel', () => {
  it('starts from the sample request and shows the predictions and who answered', async () => {
    const { scoreCalls } = renderPanel(() => jsonResponse(200, { predictions: [206.11672, 97.5], deployment: 'blue' }));
    await waitFor(() => expect(body()).toHaveValue(JSON.stringify({ rows: [{ age: 0, bmi: 0 }] }, null, 2)));
    fireEvent.change(body(), { target: { value: '{"rows": [{"age": 0.03, "bmi": 0.06}, {"age": -0.01, "bmi": 0.0}]}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const answer = await screen.findByTestId('try-answer');
    expect(within(answer).getByTestId('try-deployment')).toHaveTextContent('blue');
    expect(within(answer).getByTestId('try-prediction-0')).toHaveTextContent('206.117');
    expect(within(answer).getByTestId('try-prediction-1')).toHaveTextContent('97.5');
    expect(within(answer).queryByText('Probability')).toBeNull();
    const [call] = scoreCalls();
    expect(JSON.parse(String(call!.init.body))).toEqual({ rows: [{ age: 0.03, bmi: 0.06 }, { age: -0.01, bmi: 0 }] });
    expect((call!.init.headers as Record<string, string>)['X-Pipewright-Deployment']).toBeUndefined();
  });

  it('asks the deployment picked to answer, and shows probabilities when there are some', async () => {
    const { scoreCalls } = renderPanel(() => jsonResponse(200, { predictions: [1], probabilities: [0.8731], deployment: 'green' }));
    await waitFor(() => expect(body()).not.toHaveValue(''));
    fireEvent.change(screen.getByLabelText(/Deployment/), { target: { value: 'green' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const answer = await screen.findByTestId('try-answer');
    expect(answer).toHaveTextContent('0.8731');
    expect((scoreCalls()[0]!.init.headers as Record<string, string>)['X-Pipewright-Deployment']).toBe('green');
  });

  it('shows a refusal naming the column, and tells the page which column', async () => {
    const refusal = { code: 'bad_value', message: "Row 0, column 'bmi': expected a number (double), got a string.", column: 'bmi', row: 0 };
    const { onRefusedColumn } = renderPanel(() => jsonResponse(400, refusal));
    await waitFor(() => expect(body()).not.toHaveValue(''));
    fireEvent.change(body(), { target: { value: '{"rows": [{"age": 1, "bmi": "high"}]}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const error = await screen.findByTestId('try-error');
    expect(error).toHaveTextContent("400 bad_value: Row 0, column 'bmi': expected a number (double), got a string.");
    expect(error).toHaveTextContent('Column bmi in row 0');
    expect(onRefusedColumn).toHaveBeenLastCalledWith('bmi');
  });

  it('says what is wrong with the JSON without sending it, and resets to the sample', async () => {
    const { scoreCalls } = renderPanel(() => jsonResponse(200, { predictions: [], deployment: 'blue' }));
    await waitFor(() => expect(body()).not.toHaveValue(''));
    fireEvent.change(body(), { target: { value: '{"rows": [' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByTestId('try-error')).toHaveTextContent(/^Not JSON: /);
    expect(scoreCalls()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Reset to the sample' }));
    expect(body()).toHaveValue(JSON.stringify({ rows: [{ age: 0, bmi: 0 }] }, null, 2));
  });
});
