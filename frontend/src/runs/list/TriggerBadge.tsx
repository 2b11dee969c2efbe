/** What started a run, as a small tag; an endpoint's name links to its page. */
import { Link } from 'react-router';
import type { RunTrigger } from '../../api/models';
import { triggerLabel } from './triggerLabel';

export function TriggerBadge({ trigger, testId }: { trigger: RunTrigger | undefined; testId?: string }) {
  const kind = trigger?.kind ?? 'manual';
  const label = triggerLabel(trigger);
  return (
    <span className={`trigger-badge trigger-${kind}`} data-testid={testId}>
      {trigger?.endpoint && kind !== 'manual' ? (
        <Link to={`/endpoints/${encodeURIComponent(trigger.endpoint)}`} title={`Open endpoint ${trigger.endpoint}`}>
          {label}
        </Link>
      ) : (
        label
      )}
    </span>
  );
}
