/** A node's metrics (latest value of each), to four decimals. */
import { formatMetric } from '../../shared/format';

export function MetricsTab({ metrics }: { metrics: Readonly<Record<string, number>> }) {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">No metrics recorded.</p>;
  return (
    <table className="data-table compact" data-testid="metrics-table">
      <thead>
        <tr>
          <th>Metric</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name} data-testid={`metric-${name}`}>
            <td>{name}</td>
            <td className="number">{formatMetric(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
