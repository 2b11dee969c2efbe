import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BinaryCharts, MulticlassCharts } from './evaluation';
import { EvaluationCharts } from './EvaluationCharts';

const binary: BinaryCharts = {
  input: 'scored',
  task: 'binary',
  rows: 10,
  positive_class: 1,
  negative_class: 0,
  positives: 5,
  thresholds: { threshold: [0, 0.5, 0.9], tp: [5, 4, 1], fp: [5, 1, 0], tn: [0, 4, 5], fn: [0, 1, 4] },
  roc: { fpr: [0, 0, 0.2, 1], tpr: [0, 0.2, 0.8, 1], threshold: [1, 0.9, 0.5, 0] },
  pr: { precision: [0.5, 0.8, 1, 1], recall: [1, 0.8, 0.2, 0], threshold: [0, 0.5, 0.9, 1] },
};

function count(cell: string): string | null {
  return screen.getByTestId(`confusion-${cell}`).getAttribute('data-count');
}

describe('EvaluationCharts', () => {
  it('starts at threshold 0.5 and recomputes the confusion matrix and metrics as the slider moves', () => {
    render(<EvaluationCharts charts={{ inputs: [binary] }} />);
    expect(screen.getByTestId('threshold-value')).toHaveTextContent(/^0\.5$/);
    expect([count('0-0'), count('0-1'), count('1-0'), count('1-1')]).toEqual(['4', '1', '1', '4']);
    expect(screen.getByTestId('threshold-metric-accuracy')).toHaveTextContent('0.8');

    fireEvent.change(screen.getByTestId('threshold-slider'), { target: { value: '2' } });
    expect(screen.getByTestId('threshold-value')).toHaveTextContent(/^0\.9$/);
    expect([count('0-0'), count('0-1'), count('1-0'), count('1-1')]).toEqual(['1', '4', '0', '5']);
    expect(screen.getByTestId('threshold-metric-precision')).toHaveTextContent('1');
    expect(screen.getByTestId('threshold-metric-recall')).toHaveTextContent('0.2');
    expect(within(screen.getByTestId('chart-roc')).getByText('ROC curve')).toBeInTheDocument();
  });

  it('draws a multiclass confusion heatmap with a row per actual class', () => {
    const multiclass: MulticlassCharts = { input: 'scored', task: 'multiclass', rows: 6, classes: ['a', 'b', 'c'], matrix: [[2, 0, 0], [0, 1, 1], [0, 0, 2]] };
    render(<EvaluationCharts charts={{ inputs: [multiclass] }} />);
    expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['a', 'b', 'c']);
    expect(count('1-2')).toBe('1');
    expect(screen.getByTestId('confusion-1-2')).toHaveTextContent('50%');
  });
});
