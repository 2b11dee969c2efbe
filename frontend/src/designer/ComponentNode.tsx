/**
 * The designer's custom node: component name, node id, typed port handles, and its validation
 * issues. Memoized; it subscribes only to its own component spec and its own issues, so editing
 * or dragging one node does not re-render the others.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { parseComponentRef, useComponentSpec } from '../api/components';
import type { DesignerFlowNode } from '../graph/flowMapping';
import { NodePorts } from '../graph/NodePorts';
import { useNodeIssues } from './feedbackStore';

function ComponentNodeView({ id, data, selected }: NodeProps<DesignerFlowNode>) {
  const { spec, missing } = useComponentSpec(data.component);
  const issues = useNodeIssues(id);
  const classes = ['pw-node', selected ? 'selected' : '', issues.length > 0 ? 'has-errors' : ''].filter(Boolean);

  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`}>
      <div className="pw-node-header">
        <span className="pw-node-title">{spec?.display_name ?? parseComponentRef(data.component).name}</span>
        <span className="pw-node-id">{id}</span>
      </div>
      {spec ? (
        <NodePorts nodeId={id} inputs={spec.inputs} outputs={spec.outputs} connectable />
      ) : (
        <div className="pw-node-note muted">
          {missing ? `Unknown component ${data.component}` : `Loading ${data.component}…`}
        </div>
      )}
      {issues.length > 0 && (
        <ul className="pw-node-errors" data-testid={`node-error-${id}`}>
          {issues.map((issue, index) => (
            <li key={index}>{issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
