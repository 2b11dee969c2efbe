/**
 * The seam between the designer and a run it submitted: `<DesignerRunOverlay runId={id} />`
 * streams that run into a live store of its own and shows a small floating status bar
 * ("Run #N running — 3/6 done — Open run view", dismissable), and `useDesignerNodeStatus(nodeId)`
 * lets the designer's node colour itself by that run's state. Dismissing (or unmounting) the
 * overlay stops the stream and clears the colours. Nothing here touches the pipeline document.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useRun } from '../../api/runs';
import type { EntityId } from '../../api/models';
import { createLiveStore, useLiveNodeSlice } from './liveStore';
import { runProgressOf } from './runProgress';
import { useRunStream } from './useRunStream';

/** The designer's own live store: never the run view's, so the two cannot mix. */
export const designerLive = createLiveStore();

/** The node's state in the run shown by the overlay, or undefined when no run is shown. */
export function useDesignerNodeStatus(nodeId: string): string | undefined {
  // A reset empties the nodes, so without a run there is no status to find.
  return useLiveNodeSlice(designerLive, nodeId, (node) => node?.status);
}

function ActiveOverlay({ runId, onDismiss }: { runId: string; onDismiss: () => void }) {
  const run = useRun(runId);
  useRunStream(runId, run.data, designerLive);
  useEffect(() => () => designerLive.getState().reset(null), [runId]);
  const status = designerLive((s) => s.status) ?? run.data?.status ?? 'queued';
  const done = designerLive((s) => runProgressOf(s.nodes).done);
  const total = designerLive((s) => runProgressOf(s.nodes).total);
  const failed = designerLive((s) => runProgressOf(s.nodes).failed);

  return (
    <div className={`designer-run-overlay status-${status}`} role="status" data-testid="designer-run-overlay">
      <span className="overlay-run">
        Run #{runId} <span data-testid="designer-run-status">{status}</span>
      </span>
      <span className="overlay-sep">—</span>
      <span data-testid="designer-run-progress">
        {done}/{total} done
        {failed > 0 && `, ${failed} failed`}
      </span>
      <span className="overlay-sep">—</span>
      <Link to={`/runs/${encodeURIComponent(runId)}`}>Open run view</Link>
      <button type="button" className="link-button" aria-label="Dismiss run status" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

interface DesignerRunOverlayProps {
  /** The run to show; nothing is shown without one. */
  runId: EntityId | null | undefined;
  /** Called on dismiss; without it the overlay just hides itself until another run is given. */
  onDismiss?: () => void;
}

export function DesignerRunOverlay({ runId, onDismiss }: DesignerRunOverlayProps) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const id = runId == null ? null : String(runId);
  if (id === null || dismissed === id) return null;
  return (
    <ActiveOverlay
      key={id}
      runId={id}
      onDismiss={() => {
        setDismissed(id);
        onDismiss?.();
      }}
    />
  );
}
