/** The schedules that call this endpoint, with a way to add one (the schedules page's form). */
import { Link } from 'react-router';
import { useSchedules } from '../api/schedules';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatInstant, timingInWords } from '../schedules/timingWords';
import { EnabledBadge } from './EnabledBadge';

export function EndpointSchedules({ endpoint }: { endpoint: string }) {
  const schedules = useSchedules(endpoint);
  return (
    <section className="endpoint-section" aria-labelledby="endpoint-schedules-title">
      <div className="section-header">
        <h2 id="endpoint-schedules-title">Schedules</h2>
        <Link className="button-link" to={`/schedules?new=schedule&endpoint=${encodeURIComponent(endpoint)}`}>
          New schedule
        </Link>
      </div>
      {schedules.isPending && <p className="muted">Loading schedules…</p>}
      {schedules.isError && <ErrorMessage error={schedules.error} onRetry={() => void schedules.refetch()} />}
      {schedules.data && schedules.data.length === 0 && <p className="muted">Nothing runs this endpoint on a schedule.</p>}
      {schedules.data && schedules.data.length > 0 && (
        <table className="data-table compact" data-testid="endpoint-schedules">
          <thead>
            <tr>
              <th>Name</th>
              <th>Timing</th>
              <th>Next firing (your time)</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {schedules.data.map((schedule) => (
              <tr key={schedule.id}>
                <td>
                  <Link to={`/schedules#schedule-${schedule.id}`}>{schedule.name}</Link>
                </td>
                <td>{timingInWords(schedule)}</td>
                <td>{schedule.next_fire_at ? formatInstant(schedule.next_fire_at) : '—'}</td>
                <td>
                  <EnabledBadge enabled={!schedule.paused} on="active" off="paused" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
