/**
 * /runs/:id/compare-draft — what the pipeline's draft has changed since this run: the draft's
 * graph with added, changed and removed nodes and edges marked, and the same listed beside it.
 */
import './pickUp.css';
import { Link, useParams } from 'react-router';
import { useRun } from '../../api/runs';
import { useDraftDiff } from '../../api/runPickUp';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { DraftDiffGraph } from './DraftDiffGraph';
import { DraftDiffList } from './DraftDiffList';
import { differenceCount } from './draftDiffFlow';
import type { PipelineGraph } from '../../api/models';

const EMPTY_GRAPH: PipelineGraph = { nodes: [], edges: [] };

function Legend() {
  return (
    <span className="diff-legend" aria-label="Legend">
      <span className="diff-node diff-node-added legend-chip">only in the draft</span>
      <span className="diff-node diff-node-changed legend-chip">changed</span>
      <span className="diff-node diff-node-removed legend-chip">only in the run</span>
    </span>
  );
}

export function DraftDiffPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const diff = useDraftDiff(id);
  const failed = run.isError ? run : diff.isError ? diff : null;

  if (failed) {
    return (
      <div className="page">
        <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} />
      </div>
    );
  }
  if (!run.data || !diff.data) return <div className="page-loading">Comparing with the draft…</div>;

  const count = differenceCount(diff.data);
  return (
    <div className="draft-diff-page">
      <div className="draft-diff-header">
        <h1>Run #{String(run.data.id)} against the draft</h1>
        <span className="muted">
          {diff.data.pipeline_name}: the run ran version {diff.data.version}; the draft is at revision {diff.data.revision}
        </span>
        <span className="draft-diff-links">
          <Link to={`/runs/${encodeURIComponent(id)}`} className="button-link">
            Back to the run
          </Link>
          <Link to={`/pipelines/${diff.data.pipeline}`} className="button-link">
            Open the draft
          </Link>
        </span>
      </div>
      {diff.data.same ? (
        <div className="empty-state draft-diff-same" data-testid="draft-diff-same">
          <p>No differences: the draft is what run #{String(run.data.id)} ran.</p>
          <p className="muted">Positions and comments are not compared.</p>
        </div>
      ) : (
        <div className="draft-diff-body">
          <DraftDiffGraph runGraph={run.data.graph ?? EMPTY_GRAPH} diff={diff.data} />
          <aside className="draft-diff-aside">
            <h2>{count === 1 ? '1 difference' : `${count} differences`}</h2>
            <Legend />
            <DraftDiffList diff={diff.data} />
          </aside>
        </div>
      )}
    </div>
  );
}
