/**
 * The result of the last Validate/Submit: "Pipeline is valid", or the list of problems; a problem
 * on a node selects that node and brings it into view.
 */
import { useReactFlow } from '@xyflow/react';
import type { ValidationIssue } from '../api/types';
import { useFeedback } from './feedbackStore';
import { useDesignerView } from './viewStore';

function where(issue: ValidationIssue): string {
  return [issue.node, issue.port ?? issue.param].filter(Boolean).join(' · ');
}

export function IssuesPanel() {
  const validity = useFeedback((s) => s.validity);
  const issues = useFeedback((s) => s.issues);
  const { fitView } = useReactFlow();

  if (validity === 'unknown') return null;
  if (validity === 'valid') {
    return (
      <div className="issues-panel valid" role="status" data-testid="validation-result">
        Pipeline is valid
      </div>
    );
  }

  const focus = (nodeId: string) => {
    useDesignerView.getState().selectOnly(nodeId);
    void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };

  return (
    <div className="issues-panel invalid" data-testid="validation-result">
      <h3>
        {issues.length} {issues.length === 1 ? 'problem' : 'problems'}
      </h3>
      <ul data-testid="issues-list">
        {issues.map((issue, index) => (
          <li key={index} className="issue">
            {issue.node ? (
              <button type="button" className="link-button" onClick={() => focus(issue.node as string)}>
                {where(issue)}
              </button>
            ) : (
              <span className="muted">pipeline</span>
            )}
            <span className="issue-message">{issue.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
