/**
 * Evaluate Model's charts for each of its inputs, from its `charts` output: for a binary
 * classifier ROC, precision-recall, cumulative gains and lift curves with a threshold slider that
 * recomputes the confusion matrix and metrics; for a multiclass one the confusion heatmap; for a
 * regression residuals, predicted-vs-actual and histograms; for clustering the cluster sizes.
 */
import { useMemo, useState } from 'react';
import { formatMetric } from '../../shared/format';
import { BarChart } from './BarChart';
import { ConfusionMatrix } from './ConfusionMatrix';
import {
  bestF1Index,
  confusionAt,
  metricsOf,
  nearestThresholdIndex,
  type BinaryCharts,
  type ClusteringCharts,
  type EvaluationCharts as Charts,
  type InputCharts,
  type MulticlassCharts,
  type RegressionCharts,
  type ThresholdsTable,
} from './evaluation';
import { HistogramChart } from './HistogramChart';
import { XYPlot, type PlotPoint, type PlotSeries } from './XYPlot';

const UNIT: readonly [number, number] = [0, 1];
const DIAGONAL = [
  { x: 0, y: 0 },
  { x: 1, y: 1 },
];

function zipPoints(xs: readonly number[], ys: readonly number[], notes?: readonly number[], noteName?: string): PlotPoint[] {
  return xs.map((x, i) => ({ x, y: ys[i]!, note: notes && noteName ? `${noteName} ${formatThreshold(notes[i]!)}` : undefined }));
}

/** A threshold as typed: 0.5, 0.9877 (four decimals at most). */
export function formatThreshold(value: number): string {
  return String(Number(value.toFixed(4)));
}

function label(value: unknown): string {
  return value === undefined || value === null ? '?' : String(value);
}

function ConfusionCounts({ charts, tp, fp, tn, fn }: { charts: BinaryCharts; tp: number; fp: number; tn: number; fn: number }) {
  const positive = label(charts.positive_class);
  const negative = label(charts.negative_class);
  return (
    <ConfusionMatrix
      title="Confusion matrix at this threshold"
      classes={[positive, negative]}
      matrix={[
        [tp, fn],
        [fp, tn],
      ]}
      testId="confusion"
    />
  );
}

function ThresholdMetrics({ tp, fp, tn, fn, threshold }: { tp: number; fp: number; tn: number; fn: number; threshold: number }) {
  const metrics = metricsOf({ threshold, tp, fp, tn, fn });
  const shown = [
    ['accuracy', metrics.accuracy],
    ['precision', metrics.precision],
    ['recall', metrics.recall],
    ['f1', metrics.f1],
  ] as const;
  return (
    <table className="data-table compact threshold-metrics" data-testid="threshold-metrics">
      <caption className="visually-hidden">Metrics at threshold {threshold}</caption>
      <tbody>
        {shown.map(([name, value]) => (
          <tr key={name} data-testid={`threshold-metric-${name}`}>
            <th scope="row">{name}</th>
            <td className="number">{value === null ? '—' : formatMetric(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ThresholdSlider({ table, index, onChange }: { table: ThresholdsTable; index: number; onChange: (index: number) => void }) {
  const threshold = table.threshold[index]!;
  return (
    <div className="threshold-slider">
      <label htmlFor="threshold-range">
        Threshold <strong data-testid="threshold-value">{formatThreshold(threshold)}</strong>
      </label>
      <input
        id="threshold-range"
        type="range"
        min={0}
        max={table.threshold.length - 1}
        step={1}
        value={index}
        aria-valuetext={`threshold ${formatThreshold(threshold)}`}
        data-testid="threshold-slider"
        onChange={(event) => onChange(Number(event.target.value))}
      />
      <button type="button" className="link-button" onClick={() => onChange(nearestThresholdIndex(table.threshold, 0.5))}>
        0.5
      </button>
      <button type="button" className="link-button" onClick={() => onChange(bestF1Index(table))}>
        Best F1
      </button>
    </div>
  );
}

function BinaryView({ charts }: { charts: BinaryCharts }) {
  const table = charts.thresholds;
  const [index, setIndex] = useState(() => (table ? nearestThresholdIndex(table.threshold, 0.5) : -1));
  if (!table) {
    if (charts.classes && charts.matrix) {
      return (
        <>
          <p className="muted">No scored probabilities: the confusion matrix of the predicted labels.</p>
          <ConfusionMatrix title="Confusion matrix" classes={charts.classes.map(label)} matrix={charts.matrix} testId="confusion" />
        </>
      );
    }
    return <p className="muted">No chart data.</p>;
  }
  const counts = confusionAt(table, index);
  const metrics = metricsOf(counts);
  const rows = counts.tp + counts.fp + counts.tn + counts.fn;
  const called = rows === 0 ? 0 : (counts.tp + counts.fp) / rows;
  const at = (x: number | null, y: number | null) =>
    x === null || y === null ? null : { x, y, label: `threshold ${formatThreshold(counts.threshold)}` };
  return (
    <div className="evaluation-binary">
      <p className="muted">
        Positive class <strong>{label(charts.positive_class)}</strong>: a score at or above the threshold is called positive.
      </p>
      <ThresholdSlider table={table} index={index} onChange={setIndex} />
      <div className="threshold-summary">
        <ConfusionCounts charts={charts} {...counts} />
        <ThresholdMetrics {...counts} />
      </div>
      <div className="evaluation-charts">
        {charts.roc && (
          <XYPlot
            title="ROC curve"
            testId="chart-roc"
            xLabel="false positive rate"
            yLabel="true positive rate"
            xDomain={UNIT}
            yDomain={UNIT}
            noteColumn="threshold"
            series={[
              { key: 'roc', label: 'ROC', points: zipPoints(charts.roc.fpr, charts.roc.tpr, charts.roc.threshold, 'threshold') },
              { key: 'chance', label: 'chance', points: DIAGONAL, kind: 'reference' },
            ]}
            marker={at(metrics.fpr, metrics.recall)}
          />
        )}
        {charts.pr && (
          <XYPlot
            title="Precision-recall curve"
            testId="chart-pr"
            xLabel="recall"
            yLabel="precision"
            xDomain={UNIT}
            yDomain={UNIT}
            noteColumn="threshold"
            series={[
              { key: 'pr', label: 'precision-recall', points: zipPoints(charts.pr.recall, charts.pr.precision, charts.pr.threshold, 'threshold') },
            ]}
            marker={at(metrics.recall, metrics.precision)}
          />
        )}
        {charts.lift && (
          <>
            <XYPlot
              title="Cumulative gains"
              testId="chart-gains"
              xLabel="fraction of rows, highest scores first"
              yLabel="fraction of positives found"
              xDomain={UNIT}
              yDomain={UNIT}
              series={[
                { key: 'gains', label: 'gains', points: zipPoints(charts.lift.fraction, charts.lift.gain) },
                { key: 'random', label: 'random', points: DIAGONAL, kind: 'reference' },
              ]}
              marker={at(called, metrics.recall)}
            />
            <XYPlot
              title="Lift"
              testId="chart-lift"
              xLabel="fraction of rows, highest scores first"
              yLabel="lift"
              xDomain={UNIT}
              series={[
                { key: 'lift', label: 'lift', points: zipPoints(charts.lift.fraction, charts.lift.lift) },
                { key: 'baseline', label: 'random', points: [{ x: 0, y: 1 }, { x: 1, y: 1 }], kind: 'reference' },
              ]}
            />
          </>
        )}
        {charts.score_histogram && (
          <HistogramChart
            title="Scores by actual class"
            testId="chart-scores"
            xLabel="score"
            edges={charts.score_histogram.edges}
            series={[
              { key: 'positive', label: `actual ${label(charts.positive_class)}`, counts: charts.score_histogram.positive },
              { key: 'negative', label: `actual ${label(charts.negative_class)}`, counts: charts.score_histogram.negative },
            ]}
          />
        )}
      </div>
    </div>
  );
}

function MulticlassView({ charts }: { charts: MulticlassCharts }) {
  return <ConfusionMatrix title="Confusion matrix" classes={charts.classes.map(label)} matrix={charts.matrix} testId="confusion" />;
}

function RegressionView({ charts }: { charts: RegressionCharts }) {
  const { actual, predicted, residual } = charts.points;
  const residuals: PlotSeries[] = useMemo(() => {
    const xs = predicted.length ? [Math.min(...predicted), Math.max(...predicted)] : [0, 1];
    return [
      { key: 'residuals', label: 'residual', points: zipPoints(predicted, residual), kind: 'scatter' },
      { key: 'zero', label: 'zero', points: xs.map((x) => ({ x, y: 0 })), kind: 'reference' },
    ];
  }, [predicted, residual]);
  const fit: PlotSeries[] = useMemo(() => {
    const all = [...actual, ...predicted];
    const ends = all.length ? [Math.min(...all), Math.max(...all)] : [0, 1];
    return [
      { key: 'points', label: 'rows', points: zipPoints(actual, predicted), kind: 'scatter' },
      { key: 'ideal', label: 'predicted = actual', points: ends.map((v) => ({ x: v, y: v })), kind: 'reference' },
    ];
  }, [actual, predicted]);
  const note = charts.sampled ? `A random sample of ${actual.length} of ${charts.rows} rows. Drag to zoom in.` : undefined;
  return (
    <div className="evaluation-charts">
      <XYPlot title="Residuals" testId="chart-residuals" xLabel="predicted" yLabel="actual − predicted" series={residuals} note={note} />
      <XYPlot title="Predicted vs actual" testId="chart-predicted-actual" xLabel="actual" yLabel="predicted" series={fit} note={note} />
      <HistogramChart
        title="Residual histogram"
        testId="chart-residual-histogram"
        xLabel="actual − predicted"
        edges={charts.residual_histogram.edges}
        series={[{ key: 'residual', label: 'residual', counts: charts.residual_histogram.counts }]}
      />
      <HistogramChart
        title="Actual values"
        testId="chart-actual-histogram"
        xLabel="actual"
        edges={charts.actual_histogram.edges}
        series={[{ key: 'actual', label: 'actual', counts: charts.actual_histogram.counts }]}
      />
    </div>
  );
}

function ClusteringView({ charts }: { charts: ClusteringCharts }) {
  const bars = charts.cluster_sizes.cluster.map((cluster, i) => ({ label: String(cluster), value: charts.cluster_sizes.count[i] ?? null }));
  return <BarChart title="Rows per cluster" testId="chart-cluster-sizes" bars={bars} />;
}

function InputView({ charts }: { charts: InputCharts }) {
  switch (charts.task) {
    case 'binary':
      return <BinaryView charts={charts} />;
    case 'multiclass':
      return <MulticlassView charts={charts} />;
    case 'regression':
      return <RegressionView charts={charts} />;
    case 'clustering':
      return <ClusteringView charts={charts} />;
    default:
      return <p className="muted">No charts for this kind of model.</p>;
  }
}

export function EvaluationCharts({ charts }: { charts: Charts }) {
  const [shown, setShown] = useState(0);
  const inputs = charts.inputs;
  if (inputs.length === 0) return <p className="muted">No chart data.</p>;
  const current = inputs[Math.min(shown, inputs.length - 1)]!;
  return (
    <div className="evaluation" data-testid="evaluation">
      {inputs.length > 1 && (
        <div className="evaluation-inputs" role="group" aria-label="Input">
          {inputs.map((one, index) => (
            <button
              key={one.input}
              type="button"
              aria-pressed={index === shown}
              className={index === shown ? 'tab active' : 'tab'}
              onClick={() => setShown(index)}
            >
              {one.input}
            </button>
          ))}
        </div>
      )}
      <p className="muted evaluation-rows">
        {current.task} · {current.rows} rows
      </p>
      <InputView key={current.input} charts={current} />
    </div>
  );
}
