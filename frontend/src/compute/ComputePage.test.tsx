import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetchRoutes';
import { computeTarget } from '../test/registryFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { ComputePage } from './ComputePage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const gpu = computeTarget({ name: 'gpu', description: '', resources: { gpus: 1 }, concurrency: 1, queue_length: 0, workers: [] });

function renderPage() {
  return renderWithProviders(<ComputePage />, { route: '/compute', path: '/compute' });
}

describe('ComputePage', () => {
  it('lists targets with resources, queue and live workers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-11-25T10:00:03Z') });
    stubFetch({ 'GET /api/compute/': () => jsonResponse(200, [computeTarget(), gpu]) });
    renderPage();

    const card = await screen.findByTestId('compute-target-default');
    expect(card).toHaveTextContent('Runs on the web machine.');
    expect(card).toHaveTextContent('4 CPUs · 8 GB memory · 0 GPUs');
    expect(within(card).getByTestId('queue-length')).toHaveTextContent('3');
    expect(within(card).getByTestId('concurrency')).toHaveTextContent('2');
    const worker = within(card).getByTestId('worker-embedded-1');
    expect(worker).toHaveTextContent('laptop');
    expect(worker).toHaveTextContent('busy (2 runs)');
    expect(worker).toHaveTextContent('3 s ago');
    expect(screen.getByTestId('compute-target-gpu')).toHaveTextContent('No live worker');
  });

  it('shows the server validation next to the fields when creating', async () => {
    const { calls } = stubFetch({
      'GET /api/compute/': () => jsonResponse(200, [computeTarget()]),
      'POST /api/compute/': () =>
        jsonResponse(400, {
          code: 'invalid',
          message: 'name: Enter a valid slug.',
          fields: { name: ['Enter a valid “slug”.'], resources: { cpus: ['Ensure this value is greater than or equal to 0.'] } },
        }),
    });
    renderPage();
    await screen.findByTestId('compute-target-default');

    fireEvent.click(screen.getByRole('button', { name: 'New compute target' }));
    const form = screen.getByRole('form', { name: 'New compute target' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Big Box' } });
    fireEvent.change(within(form).getByLabelText('CPUs'), { target: { value: '-1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create target' }));

    expect(await within(form).findByText('Enter a valid “slug”.')).toBeInTheDocument();
    expect(within(form).getByText('Ensure this value is greater than or equal to 0.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    const post = calls.find((call) => call.method === 'POST');
    expect(JSON.parse(post?.init.body as string)).toEqual({
      name: 'Big Box',
      description: '',
      resources: { cpus: -1, gpus: 0 },
      concurrency: 2,
    });
  });

  it('creates a target and closes the form', async () => {
    let targets = [computeTarget()];
    stubFetch({
      'GET /api/compute/': () => jsonResponse(200, targets),
      'POST /api/compute/': () => {
        targets = [computeTarget(), gpu];
        return jsonResponse(201, gpu);
      },
    });
    renderPage();
    await screen.findByTestId('compute-target-default');
    fireEvent.click(screen.getByRole('button', { name: 'New compute target' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'gpu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create target' }));

    expect(await screen.findByTestId('compute-target-gpu')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New compute target' })).toBeNull();
  });

  it('edits description and concurrency in place', async () => {
    const { calls } = stubFetch({
      'GET /api/compute/': () => jsonResponse(200, [gpu]),
      'PATCH /api/compute/gpu/': () => jsonResponse(200, { ...gpu, concurrency: 4 }),
    });
    renderPage();
    const card = await screen.findByTestId('compute-target-gpu');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(card).getByLabelText('Description'), { target: { value: 'The A100 box' } });
    fireEvent.change(within(card).getByLabelText('Concurrency'), { target: { value: '4' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(within(card).queryByRole('button', { name: 'Save' })).toBeNull());
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(JSON.parse(patch?.init.body as string)).toEqual({ description: 'The A100 box', concurrency: 4 });
  });

  it('asks before deleting and shows why a delete was refused', async () => {
    const { calls } = stubFetch({
      'GET /api/compute/': () => jsonResponse(200, [computeTarget()]),
      'DELETE /api/compute/default/': () =>
        jsonResponse(409, { code: 'in_use', message: 'The default compute target cannot be deleted.' }),
    });
    renderPage();
    const card = await screen.findByTestId('compute-target-default');
    fireEvent.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.click(within(card).getByRole('button', { name: 'Yes, delete' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent('The default compute target cannot be deleted.');
  });

  it('says when there are no targets', async () => {
    stubFetch({ 'GET /api/compute/': () => jsonResponse(200, []) });
    renderPage();
    expect(await screen.findByText(/No compute targets yet/)).toBeInTheDocument();
  });
});
