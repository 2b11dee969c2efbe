/**
 * Metrics side by side (node.metric per run), and a bar chart per metric across the runs. A value
 * of a node the run reused is the origin run's, and says so ("from #N").
 */
import type { Run } from '../../api/models';
import { formatMetric } from '../../shared/format';
import { BarChart } from '../charts/BarChart';
import { metricRows } from './compareTables';

export function CompareMetrics({ runs }: { runs: readonly Run[] }) {
  const rows = metricRows(runs);
  return (
    <section className="compare-section">
      <div className="compare-section-header">
        <h2>Metrics</h2>
      </div>
      {rows.length === 0 ? (
        <p className="muted">None of these runs recorded metrics.</p>
      ) : (
        <>
          <table className="data-table compact compare-table" data-testid="compare-metrics">
            <thead>
              <tr>
                <th>Metric</th>
                {runs.map((run) => (
                  <th key={String(run.id)}>#{String(run.id)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.differs ? 'differs' : undefined} data-testid={`compare-metric-${row.key}`}>
                  <td>{row.key}</td>
                  {row.values.map((value, index) => (
                    <td key={index} className="number">
                      {value === null ? '—' : formatMetric(value)}
                      {row.fromRuns[index] != null && (
                        <small className="muted from-run-mark" title={`Reused: measured in run #${row.fromRuns[index]}`}>
                          {' '}
                          from #{row.fromRuns[index]}
                        </small>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="compare-charts">
            {rows.map((row) => (
              <figure key={row.key} className="metric-chart">
                <figcaption>{row.key}</figcaption>
                <BarChart
                  label={`${row.key} per run`}
                  testId={`compare-chart-${row.key}`}
                  bars={row.values.map((value, index) => ({ label: `#${String(runs[index]!.id)}`, value }))}
                />
              </figure>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
