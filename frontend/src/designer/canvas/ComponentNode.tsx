/**
 * The designer's custom node: component name, node id, typed port handles, its comment, its
 * bypass state, a "…" button opening its menu, its validation issues and, while a submitted run is shown, that run's state.
 * Memoized on what it draws (graph/nodeMemo); it subscribes only to its issues and run state, reads its spec from the specs the
 * canvas hands down, and gets its document fields as props, so editing or dragging one node does
 * not re-render the others. Only a node whose spec is not among those asks the registry itself.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameNodeFace } from '../../graph/nodeMemo';
import { parseComponentRef, useComponentSpec } from '../../api/components';
import type { ComponentSummary } from '../../api/models';
import type { DesignerFlowNode } from '../../graph/flowMapping';
import { NodePorts } from '../../graph/NodePorts';
import { useHandedSpec } from '../../graph/nodeSpecs';
import { useDesignerNodeStatus } from '../../runs/live/DesignerRunOverlay';
import { useNodeIssues } from '../feedbackStore';
import { useDesignerView } from '../viewStore';

type FaceProps = Pick<NodeProps<DesignerFlowNode>, 'id' | 'data' | 'selected'> & {
  spec: ComponentSummary | undefined;
  missing: boolean;
};

function ComponentNodeView({ id, data, selected }: NodeProps<DesignerFlowNode>) {
  const { spec, lookup } = useHandedSpec(data.component);
  if (!lookup) return <NodeFace id={id} data={data} selected={selected} spec={spec} missing={false} />;
  return <UnlistedComponentNode id={id} data={data} selected={selected} />;
}

/** A node whose spec the canvas does not have (another version, or none): it looks it up itself. */
function UnlistedComponentNode({ id, data, selected }: Pick<FaceProps, 'id' | 'data' | 'selected'>) {
  const { spec, missing } = useComponentSpec(data.component);
  return <NodeFace id={id} data={data} selected={selected} spec={spec} missing={missing} />;
}

function NodeFace({ id, data, selected, spec, missing }: FaceProps) {
  const issues = useNodeIssues(id);
  const status = useDesignerNodeStatus(id);
  const classes = [
    'pw-node',
    selected ? 'selected' : '',
    issues.length > 0 ? 'has-errors' : '',
    data.disabled ? 'bypassed' : '',
    status ? `run-${status}` : '',
  ].filter(Boolean);

  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${id}`}
      data-disabled={data.disabled ? 'true' : undefined}
      data-status={status}
    >
      <div className="pw-node-header">
        <span className="pw-node-title">{spec?.display_name ?? parseComponentRef(data.component).name}</span>
        <button
          type="button"
          className="pw-node-more nodrag nopan"
          aria-label={`Actions for node ${id}`}
          aria-haspopup="menu"
          title="Actions (right-click, Shift+F10)"
          data-testid={`actions-${id}`}
          onClick={(event) => {
            event.stopPropagation();
            const box = event.currentTarget.getBoundingClientRect();
            useDesignerView.getState().openMenu({ nodeId: id, x: box.left, y: box.bottom + 2 });
          }}
        >
          …
        </button>
        <span className="pw-node-id">
          {id}
          {data.disabled && <span className="pw-node-badge">bypassed</span>}
          {status && <span className={`pw-node-status status-${status}`}>{status}</span>}
        </span>
      </div>
      {spec ? (
        <NodePorts nodeId={id} inputs={spec.inputs} outputs={spec.outputs} connectable />
      ) : (
        <div className="pw-node-note muted">
          {missing ? `Unknown component ${data.component}` : `Loading ${data.component}…`}
        </div>
      )}
      {data.source && (
        <div className="pw-node-reads" data-testid={`node-reads-${id}`}>
          {data.source}
        </div>
      )}
      {data.comment && (
        <div className="pw-node-comment" data-testid={`node-comment-${id}`} title={data.comment}>
          {data.comment}
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

export const ComponentNode = memo(ComponentNodeView, sameNodeFace);
