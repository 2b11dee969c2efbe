/**
 * One node of the draft-against-run picture: its id and component, a word for how it changed,
 * and what changed in it. Memoized; the handles only anchor edges.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameNodeFace } from '../../graph/nodeMemo';
import type { ChangeKind, DiffFlowNode } from './draftDiffFlow';

const KIND_WORDS: Record<ChangeKind, string> = {
  added: 'only in the draft',
  removed: 'only in the run',
  changed: 'changed',
  same: '',
};
const NOTES_SHOWN = 3;

function DiffNodeView({ data }: NodeProps<DiffFlowNode>) {
  const { nodeId, component, kind, notes } = data;
  const hidden = notes.length - NOTES_SHOWN;
  return (
    <div className={`diff-node diff-node-${kind}`} data-testid={`diff-node-${nodeId}`} data-change={kind} title={notes.join('\n')}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="diff-node-id">{nodeId}</div>
      <div className="diff-node-component muted">{component}</div>
      {KIND_WORDS[kind] && <div className="diff-node-kind">{KIND_WORDS[kind]}</div>}
      {notes.slice(0, NOTES_SHOWN).map((note) => (
        <div key={note} className="diff-node-note">
          {note}
        </div>
      ))}
      {hidden > 0 && <div className="diff-node-note muted">and {hidden} more</div>}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const DiffNode = memo(DiffNodeView, sameNodeFace);
