import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { stubApi } from '../../test/runsFixtures';
import { OutputsTab } from './OutputsTab';

afterEach(() => vi.unstubAllGlobals());

const artifact = (id: number, kind: string, extra: object = {}) => ({
  id,
  digest: 'sha256:abcdef0123456789abcdef',
  kind,
  size: 2048,
  schema: null,
  row_count: kind === 'dataframe' ? 3 : null,
  summary: null,
  created_at: '',
  ...extra,
});

describe('OutputsTab', () => {
  it('shows a dataframe’s first rows and its column statistics with histograms', async () => {
    stubApi({
      '/api/artifacts/40/': artifact(40, 'dataframe'),
      '/api/artifacts/40/preview/': { columns: ['age', 'city'], rows: [[31.123456789, 'Oslo']], row_count: 3 },
      '/api/artifacts/40/profile/': {
        row_count: 3,
        profiled_rows: 3,
        sampled: false,
        columns: [
          { name: 'age', dtype: 'double', count: 3, missing: 0, unique: 3, mean: 40.5, std: 7.25, min: 31, max: 50, histogram: { edges: [30, 40, 50], counts: [1, 2] }, top: [] },
          { name: 'city', dtype: 'large_string', count: 2, missing: 1, unique: 2, mean: null, std: null, min: null, max: null, histogram: null, top: [{ value: 'Oslo', count: 1 }] },
        ],
      },
    });
    renderWithProviders(<OutputsTab outputs={{ data: 40 }} />);
    const preview = await screen.findByTestId('preview-data');
    expect(within(preview).getByText('31.1235')).toBeInTheDocument();
    const age = await screen.findByTestId('profile-data-age');
    expect(within(age).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(
      expect.arrayContaining(['age', 'double', '0', '3', '40.5', '7.25', '31', '50']),
    );
    const ageChart = await within(age).findByRole('img', { name: 'Distribution of age' });
    await waitFor(() => expect(ageChart.querySelectorAll('rect.visx-bar')).toHaveLength(2));
    expect(screen.getByTestId('profile-data-city')).toHaveTextContent('Oslo (1)');
  });

  it('shows a model’s summary and a download link', async () => {
    stubApi({
      '/api/artifacts/41/': artifact(41, 'model', {
        summary: {
          class: 'sklearn.linear_model.LinearRegression',
          params: { fit_intercept: true },
          label_column: 'target',
          feature_columns: ['age', 'bmi'],
          task: 'regression',
        },
      }),
    });
    renderWithProviders(<OutputsTab outputs={{ model: 41 }} />);
    const summary = await screen.findByTestId('model-summary-model');
    expect(summary).toHaveTextContent('sklearn.linear_model.LinearRegression');
    expect(summary).toHaveTextContent('regression');
    expect(summary).toHaveTextContent('age, bmi');
    expect(summary).toHaveTextContent('fit_intercept');
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', '/api/artifacts/41/download/');
  });
});
