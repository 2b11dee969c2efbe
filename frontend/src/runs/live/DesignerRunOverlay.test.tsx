import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleRun } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { FakeWebSocket, installFakeWebSocket, stubApi } from '../../test/runsFixtures';
import { DesignerRunOverlay, designerLive, useDesignerNodeStatus } from './DesignerRunOverlay';
import { useRunLive } from './liveStore';

function NodeProbe({ id }: { id: string }) {
  return <span data-testid={`probe-${id}`}>{useDesignerNodeStatus(id) ?? 'none'}</span>;
}

beforeEach(() => {
  installFakeWebSocket();
  stubApi({ '/api/runs/12/': sampleRun({ seq: 5 }) });
});
afterEach(() => vi.unstubAllGlobals());

describe('DesignerRunOverlay', () => {
  it('streams the run into its own store, for the bar and the nodes', async () => {
    useRunLive.getState().reset('99');
    renderWithProviders(
      <>
        <DesignerRunOverlay runId={12} />
        <NodeProbe id="split" />
        <NodeProbe id="train" />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('designer-run-progress')).toHaveTextContent('1/2 done'));
    expect(screen.getByTestId('probe-split')).toHaveTextContent('queued');
    expect(screen.getByRole('link', { name: 'Open run view' })).toHaveAttribute('href', '/runs/12');

    const socket = FakeWebSocket.find(/\/ws\/runs\/12\/\?batch=1$/)!;
    socket.push({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
    // The socket asks for batches: the events waiting for the viewer come as one frame.
    socket.push({
      type: 'batch',
      seq: 7,
      events: [
        { type: 'node', seq: 6, node: 'split', status: 'failed' },
        { type: 'run', seq: 7, status: 'failed' },
      ],
    });
    expect(screen.getByTestId('probe-split')).toHaveTextContent('failed');
    expect(screen.getByTestId('designer-run-status')).toHaveTextContent('failed');
    expect(screen.getByTestId('designer-run-progress')).toHaveTextContent('2/2 done, 1 failed');
    // The run view's store is not touched.
    expect(useRunLive.getState().runId).toBe('99');
  });

  it('dismiss hides the bar and clears the node colours', async () => {
    const onDismiss = vi.fn();
    renderWithProviders(
      <>
        <DesignerRunOverlay runId="12" onDismiss={onDismiss} />
        <NodeProbe id="split" />
      </>,
    );
    await screen.findByText('1/2 done');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss run status' }));
    expect(screen.queryByTestId('designer-run-overlay')).toBeNull();
    expect(screen.getByTestId('probe-split')).toHaveTextContent('none');
    expect(onDismiss).toHaveBeenCalled();
    expect(designerLive.getState().runId).toBeNull();
  });

  it('shows nothing without a run', () => {
    render(<DesignerRunOverlay runId={null} />);
    expect(screen.queryByTestId('designer-run-overlay')).toBeNull();
  });
});
