import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DraftDiff } from '../../api/runPickUp';
import { sampleDiff } from '../../test/draftDiffFixtures';
import { stubFetch } from '../../test/fetchRoutes';
import { sampleRun } from '../../test/fixtures';
import { installReactFlowEnv } from '../../test/reactFlowEnv';
import { jsonResponse, renderWithProviders } from '../../test/render';
import { DraftDiffPage } from './DraftDiffPage';
import { PickUpButtons } from './PickUpButtons';

beforeAll(installReactFlowEnv);
afterEach(() => vi.unstubAllGlobals());

function renderComparison(diff: DraftDiff) {
  stubFetch({
    'GET /api/runs/12/': () => jsonResponse(200, sampleRun({ status: 'completed' })),
    'GET /api/runs/12/compare-draft/': () => jsonResponse(200, diff),
  });
  renderWithProviders(
    <div style={{ width: 1200, height: 700 }}>
      <DraftDiffPage />
    </div>,
    { route: '/runs/12/compare-draft', path: '/runs/:id/compare-draft' },
  );
}

describe('DraftDiffPage', () => {
  it('marks the differences on the draft’s graph and lists them', async () => {
    renderComparison(sampleDiff());

    expect(await screen.findByRole('heading', { name: 'Run #12 against the draft' })).toBeInTheDocument();
    expect(screen.getByText(/the run ran version 1; the draft is at revision 7/)).toBeInTheDocument();
    expect(await screen.findByTestId('diff-node-split')).toHaveAttribute('data-change', 'changed');
    expect(screen.getByTestId('diff-node-split')).toHaveTextContent('fraction: (unset) → 0.8');
    expect(screen.getByTestId('diff-node-score')).toHaveAttribute('data-change', 'added');
    expect(screen.getByTestId('diff-node-train')).toHaveAttribute('data-change', 'removed');
    expect(screen.getByTestId('diff-node-load')).toHaveAttribute('data-change', 'same');

    const list = screen.getByTestId('draft-diff-list');
    expect(screen.getByRole('heading', { name: '6 differences' })).toBeInTheDocument();
    expect(within(list).getByTestId('draft-diff-added-score')).toHaveTextContent('node score added in the draft');
    expect(within(list).getByTestId('draft-diff-removed-train')).toHaveTextContent('node train removed from the draft');
    expect(within(list).getByTestId('draft-diff-changed-split')).toHaveTextContent('reuse: true → false');
    expect(within(list).getByText(/edge removed split.first → train.data/)).toBeInTheDocument();
    expect(within(list).getByTestId('draft-diff-parameter-seed')).toHaveTextContent('seed: {"type":"integer","default":0} → (unset)');
    expect(screen.getByRole('link', { name: 'Open the draft' })).toHaveAttribute('href', '/pipelines/3');
  });

  it('says so when the draft is what the run ran', async () => {
    const same = { ...sampleDiff(), same: true, added: [], removed: [], changed: [], edges_added: [], edges_removed: [], parameters: [] };
    renderComparison(same);
    expect(await screen.findByTestId('draft-diff-same')).toHaveTextContent('No differences: the draft is what run #12 ran.');
    expect(screen.queryByTestId('draft-diff-canvas')).not.toBeInTheDocument();
  });
});

describe('PickUpButtons', () => {
  it('opens the run as a new pipeline on the canvas, and links to the comparison', async () => {
    const { calls } = stubFetch({
      'POST /api/runs/12/open-as-pipeline/': () =>
        jsonResponse(201, { id: 44, name: 'Churn (run #12)', graph: sampleRun().graph, parameters: {}, revision: 1 }),
    });
    renderWithProviders(<PickUpButtons run={sampleRun({ status: 'completed' })} />, {
      route: '/runs/12',
      path: '/runs/:id',
      extraRoutes: [{ path: '/pipelines/:id', element: <p>designer 44</p> }],
    });
    expect(screen.getByRole('link', { name: 'Compare with draft' })).toHaveAttribute('href', '/runs/12/compare-draft');

    fireEvent.click(screen.getByRole('button', { name: 'Open as new pipeline' }));
    expect(await screen.findByText('designer 44')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('says why a run could not be opened', async () => {
    stubFetch({
      'POST /api/runs/12/open-as-pipeline/': () => jsonResponse(404, { code: 'not_found', message: 'No run 12.' }),
    });
    renderWithProviders(<PickUpButtons run={sampleRun()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open as new pipeline' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No run 12.');
  });
});
