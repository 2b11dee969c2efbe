/**
 * A node of a derived inference pipeline as the diff shows it: component, node id, ports, and
 * what the derivation did to it — added, standing in for training nodes (replaced), or kept.
 * Memoized; nothing to edit. Its spec comes from the diff's graph (graph/nodeSpecs).
 */
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameNodeFace } from '../../graph/nodeMemo';
import { parseComponentRef, useComponentSpec } from '../../api/components';
import type { ComponentSummary } from '../../api/models';
import type { RunNodeData } from '../../graph/flowMapping';
import { NodePorts, portsByName } from '../../graph/NodePorts';
import { useHandedSpec } from '../../graph/nodeSpecs';
import type { MarkedNode, NodeMark } from './derivation';

export type DiffFlowNode = Node<RunNodeData & MarkedNode, 'diff'>;

export const MARK_WORDS: Record<NodeMark, string> = { added: 'added', replaced: 'replaced', kept: 'kept' };

type FaceProps = Pick<NodeProps<DiffFlowNode>, 'id' | 'data'>;

function DiffNodeView({ id, data }: NodeProps<DiffFlowNode>) {
  const { spec, lookup } = useHandedSpec(data.component);
  if (lookup) return <UnlistedDiffNode id={id} data={data} />;
  return <DiffNodeFace id={id} data={data} spec={spec} />;
}

function UnlistedDiffNode({ id, data }: FaceProps) {
  const { spec } = useComponentSpec(data.component);
  return <DiffNodeFace id={id} data={data} spec={spec} />;
}

function DiffNodeFace({ id, data, spec }: FaceProps & { spec: ComponentSummary | undefined }) {
  const ref = parseComponentRef(data.component);
  return (
    <div className={`pw-node pw-diff-node diff-${data.mark}`} data-testid={`diff-node-${id}`} data-mark={data.mark}>
      <div className="pw-node-header">
        <span className="pw-node-title">{spec?.display_name ?? ref.name}</span>
        <span className="pw-node-id">{id}</span>
      </div>
      <div className="pw-diff-mark">
        <span className={`diff-pill diff-pill-${data.mark}`}>{MARK_WORDS[data.mark]}</span>
        {data.replaces.length > 0 && <span className="muted">for {data.replaces.join(', ')}</span>}
      </div>
      <NodePorts
        nodeId={id}
        inputs={spec?.inputs ?? portsByName(data.inputs)}
        outputs={spec?.outputs ?? portsByName(data.outputs)}
        connectable={false}
      />
    </div>
  );
}

export const DiffNode = memo(DiffNodeView, sameNodeFace);
