/**
 * /runs/:id — the run's header, its graph lit by live status, and the details of the node
 * picked (?node=<id>). Opens the live stream for as long as the page is shown.
 */
import { useCallback } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useRun } from '../api/runs';
import { ErrorMessage } from '../shared/ErrorMessage';
import { NodeDetails } from './details/NodeDetails';
import { useRunStream } from './live/useRunStream';
import { RunGraph } from './RunGraph';
import { RunHeader } from './RunHeader';

export function RunPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get('node');
  useRunStream(id, run.data);

  const selectNode = useCallback(
    (nodeId: string | null) =>
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          if (nodeId) next.set('node', nodeId);
          else next.delete('node');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  if (run.isError) {
    return (
      <div className="page">
        <ErrorMessage error={run.error} onRetry={() => void run.refetch()} />
      </div>
    );
  }
  if (!run.data) return <div className="page-loading">Loading run…</div>;

  const graph = run.data.graph ?? { nodes: [], edges: [] };
  const selectedExists = selected !== null && graph.nodes.some((node) => node.id === selected);
  return (
    <div className="run-page">
      <RunHeader run={run.data} />
      <div className={`run-body ${selectedExists ? 'with-details' : ''}`}>
        <RunGraph key={String(run.data.id)} graph={graph} onSelectNode={selectNode} />
        {selectedExists && <NodeDetails runId={id} nodeId={selected} onClose={() => selectNode(null)} />}
      </div>
    </div>
  );
}
