import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetchRoutes';
import { inferenceEndpoint } from '../test/inferenceFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { TrafficEditor } from './TrafficEditor';

const PATCH = 'PATCH /api/inference/diabetes/';

function renderEditor(answer = (body: unknown) => jsonResponse(200, inferenceEndpoint({ revision: 4, ...(body as object) }))) {
  const { calls } = stubFetch({ [PATCH]: (_url, init) => answer(JSON.parse(String(init.body))) });
  const onDone = vi.fn();
  renderWithProviders(<TrafficEditor endpoint={inferenceEndpoint()} onDone={onDone} />);
  const patches = () => calls.filter((call) => call.method === 'PATCH').map((call) => JSON.parse(String(call.init.body)) as unknown);
  return { onDone, patches };
}

describe('TrafficEditor', () => {
  it('starts from the split now, with nothing to save', () => {
    renderEditor();
    expect(screen.getByLabelText('blue')).toHaveValue('80');
    expect(screen.getByLabelText('green')).toHaveValue('20');
    expect(screen.getByTestId('traffic-total')).toHaveTextContent('Total 100%.');
    expect(screen.getByRole('button', { name: 'Save traffic' })).toBeDisabled();
  });

  it('says by how much the shares miss 100, and sends nothing', () => {
    const { patches } = renderEditor();
    fireEvent.change(screen.getByLabelText('green'), { target: { value: '30' } });
    expect(screen.getByTestId('traffic-total')).toHaveTextContent('The shares add up to 110%; they must add up to 100%.');
    expect(screen.getByRole('button', { name: 'Save traffic' })).toBeDisabled();
    fireEvent.submit(screen.getByRole('form', { name: 'Traffic split' }));
    expect(patches()).toEqual([]);
  });

  it('names the share that is not a whole percent', () => {
    renderEditor();
    fireEvent.change(screen.getByLabelText('blue'), { target: { value: '79.5' } });
    expect(screen.getByLabelText('blue')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('A whole number from 0 to 100.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save traffic' })).toBeDisabled();
  });

  it('moves all traffic to one deployment and saves the split', async () => {
    const { onDone, patches } = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'All traffic to green' }));
    expect(screen.getByLabelText('blue')).toHaveValue('0');
    fireEvent.click(screen.getByRole('button', { name: 'Save traffic' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(patches()).toEqual([{ traffic: { blue: 0, green: 100 } }]);
  });

  it('shows why the server refused, and stays open', async () => {
    const { onDone } = renderEditor(() => jsonResponse(503, { code: 'deployment_failed', message: "Deployment 'green' did not start." }));
    fireEvent.change(screen.getByLabelText('blue'), { target: { value: '50' } });
    fireEvent.change(screen.getByLabelText('green'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save traffic' }));
    expect(await screen.findByText("Deployment 'green' did not start.")).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });
});
