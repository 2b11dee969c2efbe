import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Endpoint, Schedule } from '../api/models';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { SchedulesPage } from './SchedulesPage';

afterEach(() => vi.unstubAllGlobals());

const endpoint: Endpoint = {
  name: 'nightly',
  workspace: 'default',
  description: '',
  enabled: true,
  default_version: 1,
  versions: [
    {
      version: 1,
      pipeline: 3,
      pipeline_version: 2,
      description: '',
      parameters: [{ name: 'seed', type: 'integer', default: 7, description: '' }],
      created_at: '2026-11-25T10:00:00Z',
    },
  ],
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
};

const schedule: Schedule = {
  id: 3,
  name: 'mornings',
  workspace: 'default',
  endpoint: 'nightly',
  version: null,
  cron: null,
  recurrence: { frequency: 'day', interval: 1, hours: [9], minutes: [0] },
  time_zone: 'Europe/Berlin',
  start_at: null,
  end_at: null,
  parameters: {},
  experiment: 'nightly',
  catch_up: 'none',
  max_catch_up: null,
  max_concurrent: 1,
  paused: false,
  next_fire_at: '2026-12-07T08:00:00Z',
  last_fire: { at: '2026-12-06T08:00:00Z', run_id: null, skipped_reason: 'the endpoint is disabled' },
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
};

const page = (results: unknown[]) => jsonResponse(200, { results, next: null });

describe('SchedulesPage', () => {
  it('lists schedules with their timing in words, next and last firing', async () => {
    stubFetch({ 'GET /api/schedules/': () => page([schedule]) });
    renderWithProviders(<SchedulesPage />, { route: '/schedules' });
    const row = await screen.findByTestId('schedule-row-mornings');
    expect(row).toHaveTextContent('every day at 09:00 (Europe/Berlin)');
    expect(within(row).getByTestId('schedule-next-3')).toHaveTextContent('7 Dec 2026');
    expect(row).toHaveTextContent('skipped: the endpoint is disabled');
  });

  it('shows the server’s 400 next to the field it names, and sends the typed schedule', async () => {
    const { calls } = stubFetch({
      'GET /api/schedules/': () => page([]),
      'GET /api/endpoints/': () => page([endpoint]),
      'GET /api/endpoints/nightly/': () => jsonResponse(200, endpoint),
      'POST /api/schedules/': () =>
        jsonResponse(400, { code: 'bad_timing', message: "time_zone: unknown time zone 'Mars/Olympus'", field: 'time_zone' }),
    });
    renderWithProviders(<SchedulesPage />, { route: '/schedules?new=schedule&endpoint=nightly' });
    const form = await screen.findByRole('form', { name: 'New schedule' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'mornings' } });
    expect(await within(form).findByLabelText(/seed/)).toHaveValue('7');
    fireEvent.change(within(form).getByLabelText(/seed/), { target: { value: '9' } });
    fireEvent.change(within(form).getByLabelText('Time zone'), { target: { value: 'Mars/Olympus' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create schedule' }));

    expect(await within(form).findByText("Unknown time zone 'Mars/Olympus'")).toBeInTheDocument();
    expect(within(form).getByLabelText('Time zone')).toHaveAttribute('aria-invalid', 'true');
    const post = calls.find((call) => call.method === 'POST');
    expect(JSON.parse(post?.init.body as string)).toMatchObject({
      name: 'mornings',
      endpoint: 'nightly',
      time_zone: 'Mars/Olympus',
      recurrence: { frequency: 'day', interval: 1, hours: [9], minutes: [0] },
      parameters: { seed: 9 },
    });
  });

  it('says when there are none', async () => {
    stubFetch({ 'GET /api/schedules/': () => page([]) });
    renderWithProviders(<SchedulesPage />, { route: '/schedules' });
    expect(await screen.findByText(/No schedules yet/)).toBeInTheDocument();
  });
});
