/**
 * The panel of one node of a run: status line (with a ticking duration, and for a dataset or
 * registered-model node the version it used) and the tabs Logs, Metrics, Outputs, Parameters,
 * Reuse and, for a failure, Error. A reused node's logs, metrics and outputs are those of the run
 * it reused, and say so.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { NodeRun } from '../../api/models';
import { formatDuration } from '../../shared/format';
import { StatusBadge } from '../../shared/StatusBadge';
import { useNow } from '../live/clock';
import { useLiveNode } from '../live/liveStore';
import { ErrorTab } from './ErrorTab';
import { LogsTab } from './LogsTab';
import { MetricsTab } from './MetricsTab';
import { OutputsTab } from './OutputsTab';
import { ParamsTab } from './ParamsTab';
import { ReuseTab } from './ReuseTab';
import { SourceBadge } from '../SourceBadge';

export type Tab = 'Logs' | 'Metrics' | 'Outputs' | 'Parameters' | 'Reuse' | 'Error';

export function tabsFor(node: NodeRun | undefined): Tab[] {
  const tabs: Tab[] = ['Logs', 'Metrics', 'Outputs', 'Parameters', 'Reuse'];
  if (node && (node.status === 'failed' || node.error)) tabs.push('Error');
  return tabs;
}

function NodeMeta({ node }: { node: NodeRun }) {
  const running = node.status === 'running';
  const now = useNow(running);
  return (
    <div className="muted node-details-meta">
      <StatusBadge status={node.status} testId="node-details-status" />
      {node.reused_from && (
        <Link to={`/runs/${node.reused_from.run}?node=${encodeURIComponent(node.reused_from.node)}`}>
          reused from run {node.reused_from.run}
        </Link>
      )}
      {node.reused && !node.reused_from && <span>reused cached outputs</span>}
      {node.attempts > 1 && <span>attempt {node.attempts}</span>}
      {node.started_at && <span>{formatDuration(node.started_at, running ? null : node.finished_at, now)}</span>}
      {node.component && <code>{node.component}</code>}
      {node.source && <SourceBadge source={node.source} testId="node-details-source" />}
    </div>
  );
}

/**
 * Above the logs, metrics and outputs of a reused node: they are the work of the run it reused,
 * so say which, with a link to that run's node.
 */
function FromRun({ node, runId }: { node: NodeRun; runId: string }) {
  if (!node.from_run || String(node.from_run) === runId) return null;
  const origin = node.reused_from?.node ?? node.node;
  return (
    <p className="muted from-run" data-testid="node-from-run">
      from{' '}
      <Link to={`/runs/${node.from_run}?node=${encodeURIComponent(origin)}`}>run #{node.from_run}</Link>, whose outputs
      this step reused
    </p>
  );
}

interface NodeDetailsProps {
  runId: string;
  nodeId: string;
  onClose: () => void;
}

export function NodeDetails({ runId, nodeId, onClose }: NodeDetailsProps) {
  const node = useLiveNode(nodeId);
  const tabs = tabsFor(node);
  // A source node's output is already registered: it is what the node was bound to.
  const registrable = (node?.status === 'completed' || node?.status === 'reused') && !node.source;
  const [chosen, setChosen] = useState<Tab | null>(null);
  // A failed node opens on its error; otherwise on the logs.
  const tab = chosen && tabs.includes(chosen) ? chosen : tabs.includes('Error') ? 'Error' : 'Logs';

  return (
    <aside className="node-details" aria-label={`Node ${nodeId}`} data-testid="node-details">
      <div className="node-details-header">
        <div>
          <h2>{nodeId}</h2>
          {node && <NodeMeta node={node} />}
        </div>
        <button type="button" className="link-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setChosen(name)}
          >
            {name}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {node && (tab === 'Logs' || tab === 'Metrics' || tab === 'Outputs') && <FromRun node={node} runId={runId} />}
        {tab === 'Logs' && <LogsTab key={nodeId} runId={runId} nodeId={nodeId} />}
        {tab === 'Metrics' && <MetricsTab key={nodeId} metrics={node?.metrics ?? {}} runId={runId} nodeId={nodeId} />}
        {tab === 'Outputs' && <OutputsTab outputs={node?.outputs ?? {}} register={registrable ? { runId: Number(runId), nodeId } : undefined} />}
        {tab === 'Parameters' && <ParamsTab params={node?.params} />}
        {tab === 'Reuse' && <ReuseTab reuse={node?.reuse} />}
        {tab === 'Error' && <ErrorTab error={node?.error ?? null} traceback={node?.traceback ?? null} />}
      </div>
    </aside>
  );
}
