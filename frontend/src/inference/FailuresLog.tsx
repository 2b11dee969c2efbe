/**
 * The newest failed requests: when, which deployment, the status and code, the message (which
 * names a column, row and expected type, never a value) and the names of the columns sent.
 */
import { FAILURES_SHOWN, useScoringFailures } from '../api/inference';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatTime } from '../shared/format';

export function FailuresLog({ name }: { name: string }) {
  const failures = useScoringFailures(name);
  const rows = failures.data?.results ?? [];
  return (
    <section className="endpoint-section" aria-labelledby="failures-title" data-testid="failures-log">
      <h2 id="failures-title">Failed requests</h2>
      <p className="muted small">Only the names of the columns sent are kept, never their values.</p>
      {failures.isPending && <p className="page-loading">Loading…</p>}
      {failures.isError && <ErrorMessage error={failures.error} onRetry={() => void failures.refetch()} />}
      {failures.data && rows.length === 0 && <p className="muted">No failed requests.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table compact">
            <thead>
              <tr>
                <th>When</th>
                <th>Deployment</th>
                <th>Status</th>
                <th>Message</th>
                <th>Columns sent</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((failure) => (
                <tr key={failure.id} data-testid={`failure-${failure.id}`}>
                  <td className="nowrap">{formatTime(failure.at)}</td>
                  <td>{failure.deployment || <span className="muted">—</span>}</td>
                  <td className="nowrap">
                    {failure.status} <code>{failure.code}</code>
                  </td>
                  <td>{failure.message}</td>
                  <td className="failure-columns">
                    {failure.columns.length === 0 ? <span className="muted">—</span> : failure.columns.map((column) => <code key={column}>{column}</code>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {failures.data?.next && <p className="muted small">The newest {FAILURES_SHOWN} are shown.</p>}
    </section>
  );
}
