/**
 * The result of the last Validate/Submit: "Pipeline is valid", or the list of problems; a problem
 * on a node selects that node and brings it into view.
 */
import type { ValidationIssue } from '../api/models';
import { useFocusNode } from './canvas/useFocusNode';
import { useFeedback } from './feedbackStore';

function where(issue: ValidationIssue): string {
  return [issue.node, issue.port ?? issue.param].filter(Boolean).join(' · ');
}

export function IssuesPanel() {
  const validity = useFeedback((s) => s.validity);
  const issues = useFeedback((s) => s.issues);
  const focus = useFocusNode();

  if (validity === 'unknown') return null;
  if (validity === 'valid') {
    return (
      <div className="issues-panel valid" role="status" data-testid="validation-result">
        Pipeline is valid
      </div>
    );
  }

  return (
    <div className="issues-panel invalid" data-testid="validation-result">
      <h3>
        {issues.length} {issues.length === 1 ? 'problem' : 'problems'}
      </h3>
      <ul data-testid="issues-list">
        {issues.map((issue, index) => (
          <li key={index} className="issue">
            {issue.node ? (
              <button
                type="button"
                className="link-button"
                onClick={() => focus(issue.node as string)}
                data-testid={`issue-focus-${issue.node}`}
              >
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
