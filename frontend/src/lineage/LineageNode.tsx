/**
 * One node of a lineage graph: its kind (dataset, run, model — each styled its own way), its
 * label, and a line of detail (a run's status, when it was made). Memoized; the
 * handles only anchor edges.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LineageNode as LineageEntry } from '../api/lineage';
import { formatTime } from '../shared/format';

export type LineageFlowNode = Node<{ entry: LineageEntry; root: boolean }, 'lineage'>;

const KIND_WORDS: Record<LineageEntry['kind'], string> = { dataset: 'Dataset', run: 'Run', model: 'Model' };

/** A run's state and when it was made; a version's date (the label names the pipeline or version). */
function detail(entry: LineageEntry): string {
  const made = entry.created_at ? formatTime(entry.created_at) : '';
  return [entry.kind === 'run' ? entry.status : '', made].filter(Boolean).join(' · ');
}

function LineageNodeView({ data }: NodeProps<LineageFlowNode>) {
  const { entry, root } = data;
  return (
    <div
      className={`lineage-node kind-${entry.kind}${root ? ' root' : ''}`}
      data-testid={`lineage-node-${entry.id}`}
      data-kind={entry.kind}
      title={root ? 'You came from here. Click any node to open it.' : 'Click to open'}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="lineage-kind">{KIND_WORDS[entry.kind] ?? entry.kind}</div>
      <div className="lineage-label">{entry.label}</div>
      <div className="muted lineage-detail">{detail(entry)}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const LineageNode = memo(LineageNodeView);
