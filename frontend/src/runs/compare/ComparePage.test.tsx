import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { finishedRun, stubApi } from '../../test/runsFixtures';
import { ComparePage } from './ComparePage';

function stub() {
  const second = finishedRun(8, 0.8, 0.51);
  second.graph = {
    ...second.graph,
    nodes: second.graph.nodes.map((node) => (node.id === 'split' ? { ...node, params: { fraction: 0.8 } } : node)),
  };
  return stubApi({ '/api/runs/7/': finishedRun(7, 0.7, 0.42), '/api/runs/8/': second });
}

afterEach(() => vi.unstubAllGlobals());

describe('ComparePage', () => {
  it('shows the runs side by side with parameter differences highlighted', async () => {
    stub();
    renderWithProviders(<ComparePage />, { route: '/runs/compare?ids=7,8', path: '/runs/compare' });
    expect(await screen.findByTestId('compare-run-7')).toHaveTextContent('Run #7');
    expect(screen.getByTestId('compare-run-8')).toHaveTextContent('Run #8');

    const fraction = screen.getByTestId('compare-param-split.fraction');
    expect(fraction).toHaveAttribute('data-differs', 'true');
    expect(within(fraction).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['split.fraction', '0.7', '0.8']);
    expect(screen.getByTestId('compare-param-split.seed')).toHaveAttribute('data-differs', 'false');

    fireEvent.click(screen.getByLabelText('Only differences'));
    expect(screen.queryByTestId('compare-param-split.seed')).toBeNull();
  });

  it('tabulates and charts each metric across runs, and lists graph differences', async () => {
    stub();
    renderWithProviders(<ComparePage />, { route: '/runs/compare?ids=7,8', path: '/runs/compare' });
    const r2 = await screen.findByTestId('compare-metric-train.r2');
    expect(r2).toHaveTextContent('0.42');
    expect(r2).toHaveTextContent('0.51');
    const chart = screen.getByTestId('compare-chart-train.r2');
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(2);
    expect(within(screen.getByTestId('compare-graph')).getByText(/changed/)).toHaveTextContent('node split changed');
    expect(screen.getByTestId('compare-graph')).toHaveTextContent('fraction: (unset) → 0.8');
  });

  it('asks for two runs when given fewer', () => {
    stubApi({});
    renderWithProviders(<ComparePage />, { route: '/runs/compare?ids=7', path: '/runs/compare' });
    expect(screen.getByText(/Pick two or more runs/)).toBeInTheDocument();
  });
});
