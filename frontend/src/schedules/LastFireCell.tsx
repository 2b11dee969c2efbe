/** The last firing of a schedule or trigger: when, and its run or why it was skipped. */
import { Link } from 'react-router';
import type { LastFire } from '../api/models';
import { formatInstant } from './timingWords';

export function LastFireCell({ lastFire }: { lastFire: LastFire | null }) {
  if (!lastFire) return <span className="muted">never</span>;
  return (
    <div>
      <span>{formatInstant(lastFire.at)}</span>
      <div className="small">
        {lastFire.run_id != null && (
          <Link to={`/runs/${lastFire.run_id}`}>run #{lastFire.run_id}</Link>
        )}
        {lastFire.skipped_reason && <span className="skipped-reason">{lastFire.run_id != null ? ' · ' : ''}skipped: {lastFire.skipped_reason}</span>}
      </div>
    </div>
  );
}
