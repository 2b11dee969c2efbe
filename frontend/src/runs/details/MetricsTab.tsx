/**
 * A node's metrics: the latest value of each (live), and a line chart for every metric logged
 * more than once, from the node's metric history (refetched, at most every few seconds, while
 * new values arrive).
 */
import { useEffect, useRef } from 'react';
import { useNodeMetrics } from '../../api/runs';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatMetric } from '../../shared/format';
import { XYPlot } from '../charts/lazy';
import { metricSeries } from './metricSeries';

const REFRESH_MS = 2000;

export function MetricsTable({ metrics }: { metrics: Readonly<Record<string, number>> }) {
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

function MetricCharts({ runId, nodeId, metrics }: { runId: string; nodeId: string; metrics: Readonly<Record<string, number>> }) {
  const history = useNodeMetrics(runId, nodeId);
  const { refetch, dataUpdatedAt } = history;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seen = useRef(metrics);
  const fetchedAt = useRef(dataUpdatedAt);
  useEffect(() => {
    fetchedAt.current = dataUpdatedAt;
  }, [dataUpdatedAt]);

  // A new live value means the history grew: refresh it, but not once per value.
  useEffect(() => {
    if (seen.current === metrics) return;
    seen.current = metrics;
    if (pending.current !== null) return;
    pending.current = setTimeout(
      () => {
        pending.current = null;
        void refetch();
      },
      Math.max(0, fetchedAt.current + REFRESH_MS - Date.now()),
    );
  }, [metrics, refetch]);
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );

  if (history.isError) return <ErrorMessage error={history.error} onRetry={() => void refetch()} />;
  const series = Object.entries(metricSeries(history.data ?? [])).filter(([, points]) => points.length > 1);
  return (
    <div className="metric-charts">
      {series.map(([name, points]) => (
        <XYPlot
          key={name}
          title={name}
          series={[{ key: name, label: name, points }]}
          xLabel="step"
          yLabel={name}
          height={200}
          testId={`metric-chart-${name}`}
        />
      ))}
    </div>
  );
}

interface MetricsTabProps {
  metrics: Readonly<Record<string, number>>;
  /** With a run and node, the history is fetched and charted; without, only the table shows. */
  runId?: string;
  nodeId?: string;
}

export function MetricsTab({ metrics, runId, nodeId }: MetricsTabProps) {
  return (
    <div className="metrics-tab">
      <MetricsTable metrics={metrics} />
      {runId && nodeId && Object.keys(metrics).length > 0 && <MetricCharts runId={runId} nodeId={nodeId} metrics={metrics} />}
    </div>
  );
}
