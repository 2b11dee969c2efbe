/** A node of a frozen pipeline version: component, node id and ports; nothing to edit. Its spec
 * comes from the version's canvas (graph/nodeSpecs). */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameNodeFace } from '../../graph/nodeMemo';
import { parseComponentRef, useComponentSpec } from '../../api/components';
import type { ComponentSummary } from '../../api/models';
import type { RunFlowNode } from '../../graph/flowMapping';
import { NodePorts, portsByName } from '../../graph/NodePorts';
import { useHandedSpec } from '../../graph/nodeSpecs';

type FaceProps = Pick<NodeProps<RunFlowNode>, 'id' | 'data' | 'selected'>;

function VersionNodeView({ id, data, selected }: NodeProps<RunFlowNode>) {
  const { spec, lookup } = useHandedSpec(data.component);
  if (lookup) return <UnlistedVersionNode id={id} data={data} selected={selected} />;
  return <VersionNodeFace id={id} data={data} selected={selected} spec={spec} />;
}

function UnlistedVersionNode({ id, data, selected }: FaceProps) {
  const { spec } = useComponentSpec(data.component);
  return <VersionNodeFace id={id} data={data} selected={selected} spec={spec} />;
}

function VersionNodeFace({ id, data, selected, spec }: FaceProps & { spec: ComponentSummary | undefined }) {
  const ref = parseComponentRef(data.component);
  return (
    <div className={`pw-node pw-version-node ${selected ? 'selected' : ''}`} data-testid={`version-node-${id}`}>
      <div className="pw-node-header">
        <span className="pw-node-title">{spec?.display_name ?? ref.name}</span>
        <span className="pw-node-id">{id}</span>
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

export const VersionNode = memo(VersionNodeView, sameNodeFace);
