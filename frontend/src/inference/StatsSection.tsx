/**
 * What an endpoint has done lately: requests, errors and the p50/p95 latency over the range
 * picked, as totals and small charts over time, and per deployment what it serves (the model
 * version serving) and its own counts. Read again every few seconds while the page is open.
 */
import { useState } from 'react';
import { useScoringStats } from '../api/inference';
import type { DeploymentScoringStats, ScoringStats, ServedSource } from '../api/models';
import { ErrorMessage } from '../shared/ErrorMessage';
import { ServedSources } from './ServedSources';
import { SparklineChart } from './Sparkline';
import { fillBuckets, formatMs } from './statsSeries';

const RANGES = [
  { minutes: 60, label: 'last hour' },
  { minutes: 180, label: 'last 3 hours' },
  { minutes: 1440, label: 'last day' },
  { minutes: 10080, label: 'last week' },
] as const;

const timeOf = (ms: number, minutes: number) =>
  new Date(ms).toLocaleString(undefined, minutes > 1440 ? { dateStyle: 'short', timeStyle: 'short' } : { timeStyle: 'short' });

function Totals({ total }: { total: ScoringStats['total'] }) {
  const items = [
    { label: 'Requests', value: String(total.count), testId: 'stats-count' },
    { label: 'Errors', value: String(total.errors), testId: 'stats-errors' },
    { label: 'p50 latency', value: formatMs(total.p50_ms), testId: 'stats-p50' },
    { label: 'p95 latency', value: formatMs(total.p95_ms), testId: 'stats-p95' },
  ];
  return (
    <dl className="stat-cards">
      {items.map((item) => (
        <div key={item.label} className="stat-card">
          <dt className="muted">{item.label}</dt>
          <dd data-testid={item.testId}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Charts({ stats }: { stats: ScoringStats }) {
  const points = fillBuckets(stats.buckets, stats.since, stats.minutes, stats.bucket_seconds);
  if (points.length === 0) return null;
  const from = timeOf(points[0]!.t, stats.minutes);
  const to = timeOf(Date.parse(stats.since) + stats.minutes * 60_000, stats.minutes);
  return (
    <div className="stats-charts">
      <SparklineChart
        title="Requests"
        testId="chart-requests"
        series={[
          { label: 'requests', values: points.map((point) => point.count), className: 'count' },
          { label: 'errors', values: points.map((point) => point.errors), className: 'errors' },
        ]}
        formatMax={(value) => String(value)}
        from={from}
        to={to}
      />
      <SparklineChart
        title="Latency"
        testId="chart-latency"
        series={[
          { label: 'p50', values: points.map((point) => point.p50), className: 'p50' },
          { label: 'p95', values: points.map((point) => point.p95), className: 'p95' },
        ]}
        formatMax={formatMs}
        from={from}
        to={to}
      />
    </div>
  );
}

/** `serving` is `{target, sources}` as the server stored them; read defensively. */
function servedSources(deployment: DeploymentScoringStats): ServedSource[] {
  const sources = deployment.serving?.sources;
  return Array.isArray(sources) ? (sources as ServedSource[]) : [];
}

function servedTarget(deployment: DeploymentScoringStats): string {
  const target = deployment.serving?.target as Record<string, unknown> | undefined;
  if (!target) return '—';
  if (target.kind === 'pipeline') return `${String(target.pipeline_name ?? `pipeline ${String(target.pipeline)}`)} v${String(target.version)}`;
  if (target.kind === 'model') return `model ${String(target.name)} v${String(target.version)}`;
  return '—';
}

function DeploymentStats({ deployments }: { deployments: readonly DeploymentScoringStats[] }) {
  return (
    <table className="data-table compact" data-testid="stats-deployments">
      <thead>
        <tr>
          <th>Deployment</th>
          <th>Traffic</th>
          <th>Serving</th>
          <th>Model version serving</th>
          <th>Requests</th>
          <th>Errors</th>
          <th>p50</th>
          <th>p95</th>
        </tr>
      </thead>
      <tbody>
        {deployments.map((deployment) => (
          <tr key={deployment.name} data-testid={`stats-deployment-${deployment.name}`}>
            <td>
              {deployment.name} {!deployment.current && <span className="state-pill state-off">removed</span>}
            </td>
            <td>{deployment.current ? `${deployment.traffic}%` : '—'}</td>
            <td>{servedTarget(deployment)}</td>
            <td>
              <ServedSources sources={servedSources(deployment)} />
            </td>
            <td>{deployment.total.count}</td>
            <td>{deployment.total.errors}</td>
            <td>{formatMs(deployment.total.p50_ms)}</td>
            <td>{formatMs(deployment.total.p95_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatsSection({ name }: { name: string }) {
  const [minutes, setMinutes] = useState<number>(60);
  const stats = useScoringStats(name, minutes);
  return (
    <section className="endpoint-section" aria-labelledby="stats-title" data-testid="endpoint-stats">
      <div className="section-header">
        <h2 id="stats-title">Requests and latency</h2>
        <label className="inline-field">
          Over the{' '}
          <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
            {RANGES.map((range) => (
              <option key={range.minutes} value={range.minutes}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {stats.isPending && <p className="page-loading">Loading stats…</p>}
      {stats.isError && <ErrorMessage error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.data && (
        <>
          <Totals total={stats.data.total} />
          <Charts stats={stats.data} />
          <p className="muted small">Latency is measured in the server, from receiving a request to having its answer. Counts arrive within a few seconds.</p>
          <DeploymentStats deployments={stats.data.deployments} />
        </>
      )}
    </section>
  );
}
