import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { stubApi } from '../../test/runsFixtures';
import { ExperimentsPage } from './ExperimentsPage';

afterEach(() => vi.unstubAllGlobals());

describe('ExperimentsPage', () => {
  it('lists experiments, each linking to its runs', async () => {
    stubApi({
      '/api/experiments/': [
        { name: 'Default', run_count: 3, last_run_at: '2026-11-25T10:00:00Z', statuses: { completed: 2, failed: 1, running: 0 } },
        { name: 'tuning a/b', run_count: 1, last_run_at: null, statuses: { running: 1 } },
      ],
    });
    renderWithProviders(<ExperimentsPage />);
    expect(await screen.findByRole('link', { name: 'Default' })).toHaveAttribute('href', '/runs?experiment=Default');
    expect(screen.getByRole('link', { name: 'tuning a/b' })).toHaveAttribute('href', '/runs?experiment=tuning%20a%2Fb');
    const table = screen.getByTestId('experiments-table');
    expect(table).toHaveTextContent('completed 2');
    expect(table).not.toHaveTextContent('running 0');
  });
});
