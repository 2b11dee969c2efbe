/**
 * /runs/:id — the run's header, then its graph lit by live status or its timeline
 * (?view=timeline), and the details of the node picked (?node=<id>). Opens the live stream for
 * as long as the page is shown.
 */
import { useCallback } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useRun } from '../api/runs';
import { ErrorMessage } from '../shared/ErrorMessage';
import { NodeDetails } from './details/NodeDetails';
import { useRunStream } from './live/useRunStream';
import { RunGraph } from './RunGraph';
import { RunHeader } from './RunHeader';
import { RunTimeline } from './timeline/RunTimeline';

type View = 'graph' | 'timeline';

function ViewSwitch({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  return (
    <div className="tabs run-view-tabs" role="tablist" aria-label="Run view">
      {(['graph', 'timeline'] as const).map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={view === name}
          className={view === name ? 'tab active' : 'tab'}
          onClick={() => onChange(name)}
        >
          {name === 'graph' ? 'Graph' : 'Timeline'}
        </button>
      ))}
    </div>
  );
}

export function RunPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get('node');
  const view: View = searchParams.get('view') === 'timeline' ? 'timeline' : 'graph';
  useRunStream(id, run.data);

  const setParam = useCallback(
    (key: string, value: string | null) =>
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  const selectNode = useCallback((nodeId: string | null) => setParam('node', nodeId), [setParam]);

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
      <ViewSwitch view={view} onChange={(next) => setParam('view', next === 'graph' ? null : next)} />
      <div className={`run-body ${selectedExists ? 'with-details' : ''}`}>
        {view === 'graph' ? (
          <RunGraph key={String(run.data.id)} graph={graph} selectedNode={selected} onSelectNode={selectNode} />
        ) : (
          <RunTimeline graph={graph} onSelectNode={selectNode} />
        )}
        {selectedExists && <NodeDetails runId={id} nodeId={selected} onClose={() => selectNode(null)} />}
      </div>
    </div>
  );
}
