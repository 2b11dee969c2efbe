/** The live workers of one compute target: who, where, busy or idle, and when last heard from. */
import type { ComputeWorker } from '../api/compute';
import { formatAgo } from './computeFormat';

function busyLabel(runs: number): string {
  if (runs > 1) return `busy (${runs} runs)`;
  return runs > 0 ? 'busy' : 'idle';
}

export function WorkerTable({ target, workers, now }: { target: string; workers: ComputeWorker[]; now: number }) {
  if (workers.length === 0) {
    return (
      <p className="muted compute-no-workers">
        No live worker. Start one with <code>python manage.py worker --compute {target}</code>; until then its node runs
        wait in the queue.
      </p>
    );
  }
  return (
    <table className="data-table compact compute-workers">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Host</th>
          <th>State</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {workers.map((worker) => (
          <tr key={worker.name} data-testid={`worker-${worker.name}`}>
            <td>
              <code>{worker.name}</code>
            </td>
            <td>
              {worker.host}
              {worker.pid != null && <span className="muted"> (pid {worker.pid})</span>}
            </td>
            <td>
              <span className={`worker-state ${worker.busy > 0 ? 'worker-busy' : 'worker-idle'}`}>
                {busyLabel(worker.busy)}
              </span>
            </td>
            <td title={worker.last_seen ?? undefined}>{formatAgo(worker.last_seen, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
