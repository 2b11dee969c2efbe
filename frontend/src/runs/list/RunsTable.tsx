/**
 * Runs as a table with a checkbox each (to pick runs to compare); durations tick while running.
 * Besides the fixed columns: who submitted each run, its tags when runs carry them, and the
 * metric columns chosen (`node.metric`, latest value).
 */
import { Link } from 'react-router';
import { formatDuration, formatTime } from '../../shared/format';
import { StatusBadge } from '../../shared/StatusBadge';
import { TagList } from '../../shared/TagList';
import { useNow } from '../live/clock';
import { metricCell, type RunRow } from './runColumns';
import { TriggerBadge } from './TriggerBadge';

interface RunsTableProps {
  runs: readonly RunRow[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  metrics?: readonly string[];
}

export function RunsTable({ runs, selected, onToggle, metrics = [] }: RunsTableProps) {
  const now = useNow(runs.some((run) => run.status === 'running'));
  const tagged = runs.some((run) => Array.isArray(run.tags));
  return (
    <table className="data-table runs-list" data-testid="runs-list">
      <thead>
        <tr>
          <th aria-label="Select" />
          <th>Run</th>
          <th>Pipeline</th>
          <th>Experiment</th>
          <th>Status</th>
          <th>Started by</th>
          <th>Submitted by</th>
          {tagged && <th>Tags</th>}
          <th>Created</th>
          <th>Duration</th>
          {metrics.map((key) => (
            <th key={key} className="number" data-testid={`runs-metric-column-${key}`}>
              {key}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const id = String(run.id);
          const href = `/runs/${encodeURIComponent(id)}`;
          const final = run.status !== 'running' && run.status !== 'queued';
          return (
            <tr key={id} data-testid={`runs-row-${id}`} className={selected.has(id) ? 'selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select run ${id}`}
                  checked={selected.has(id)}
                  onChange={() => onToggle(id)}
                />
              </td>
              <td>
                <Link to={href}>#{id}</Link>
              </td>
              <td>
                <Link to={`/runs?pipeline=${encodeURIComponent(String(run.pipeline))}`}>{run.pipeline_name}</Link>
              </td>
              <td>
                {run.experiment != null && (
                  <Link to={`/runs?experiment=${encodeURIComponent(String(run.experiment))}`}>{String(run.experiment)}</Link>
                )}
              </td>
              <td>
                <StatusBadge status={run.status} testId={`runs-status-${id}`} />
              </td>
              <td>
                <TriggerBadge trigger={run.trigger} testId={`runs-trigger-${id}`} />
              </td>
              <td data-testid={`runs-submitted-by-${id}`}>{run.submitted_by ?? '—'}</td>
              {tagged && <td>{<TagList tags={run.tags ?? []} />}</td>}
              <td>{formatTime(run.created_at)}</td>
              <td>{formatDuration(run.started_at, final ? run.finished_at : null, now)}</td>
              {metrics.map((key) => (
                <td key={key} className="number" data-testid={`runs-metric-${id}-${key}`}>
                  {metricCell(run, key)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
