/**
 * The panel of one node of a run: status line and the Logs / Metrics / Outputs / Error tabs.
 */
import { useState } from 'react';
import type { NodeRun } from '../../api/types';
import { formatDuration } from '../../shared/format';
import { StatusBadge } from '../../shared/StatusBadge';
import { useLiveNode } from '../live/liveStore';
import { ErrorTab } from './ErrorTab';
import { LogsTab } from './LogsTab';
import { MetricsTab } from './MetricsTab';
import { OutputsTab } from './OutputsTab';

type Tab = 'Logs' | 'Metrics' | 'Outputs' | 'Error';

export function tabsFor(node: NodeRun | undefined): Tab[] {
  const tabs: Tab[] = ['Logs', 'Metrics', 'Outputs'];
  if (node && (node.status === 'failed' || node.error)) tabs.push('Error');
  return tabs;
}

interface NodeDetailsProps {
  runId: string;
  nodeId: string;
  onClose: () => void;
}

export function NodeDetails({ runId, nodeId, onClose }: NodeDetailsProps) {
  const node = useLiveNode(nodeId);
  const tabs = tabsFor(node);
  const [chosen, setChosen] = useState<Tab | null>(null);
  // A failed node opens on its error; otherwise on the logs.
  const tab = chosen && tabs.includes(chosen) ? chosen : tabs.includes('Error') ? 'Error' : 'Logs';

  return (
    <aside className="node-details" aria-label={`Node ${nodeId}`} data-testid="node-details">
      <div className="node-details-header">
        <div>
          <h2>{nodeId}</h2>
          <div className="muted node-details-meta">
            {node && <StatusBadge status={node.status} />}
            {node?.reused && <span>reused cached outputs</span>}
            {node && node.attempts > 1 && <span>attempt {node.attempts}</span>}
            {node?.started_at && <span>{formatDuration(node.started_at, node.finished_at)}</span>}
          </div>
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
        {tab === 'Logs' && <LogsTab key={nodeId} runId={runId} nodeId={nodeId} />}
        {tab === 'Metrics' && <MetricsTab metrics={node?.metrics ?? {}} />}
        {tab === 'Outputs' && <OutputsTab outputs={node?.outputs ?? {}} />}
        {tab === 'Error' && <ErrorTab error={node?.error ?? null} traceback={node?.traceback ?? null} />}
      </div>
    </aside>
  );
}
