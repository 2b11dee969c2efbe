/** A run or node status as a coloured pill; the text is the status itself. */
import type { NodeStatus, RunStatus } from '../api/models';

export function StatusBadge({ status, testId }: { status: RunStatus | NodeStatus; testId?: string }) {
  return (
    <span className={`status-badge status-${status}`} data-testid={testId}>
      {status}
    </span>
  );
}
