/**
 * Evaluation curves of the compared runs overlaid, a series per run (and per input when an
 * Evaluate Model node had two): ROC, precision-recall and cumulative gains for binary
 * classifiers, predicted-vs-actual for regressions. Read from each Evaluate Model node's
 * `charts` output; a node missing from a run is simply not drawn for it.
 */
import { useJsonArtifacts } from '../../api/artifacts';
import type { EntityId, Run } from '../../api/models';
import { readEvaluationCharts, type BinaryCharts, type InputCharts, type RegressionCharts } from '../charts/evaluation';
import { XYPlot } from '../charts/lazy';
import type { PlotSeries } from '../charts/XYPlot';
import { evaluationArtifact } from '../details/EvaluationTab';

interface Source {
  run: Run;
  node: string;
  artifact: EntityId;
}

/** Every Evaluate Model node with chart data, in run order. */
export function evaluationSources(runs: readonly Run[]): Source[] {
  return runs.flatMap((run) =>
    run.nodes.flatMap((node) => {
      const artifact = evaluationArtifact(node);
      return artifact === null ? [] : [{ run, node: node.node, artifact }];
    }),
  );
}

interface Entry {
  label: string;
  charts: InputCharts;
}

const UNIT: readonly [number, number] = [0, 1];
const DIAGONAL = [
  { x: 0, y: 0 },
  { x: 1, y: 1 },
];

function curve(entries: readonly Entry[], pick: (charts: BinaryCharts) => { x: number[]; y: number[] } | null): PlotSeries[] {
  return entries.flatMap(({ label, charts }) => {
    if (charts.task !== 'binary') return [];
    const picked = pick(charts);
    return picked ? [{ key: label, label, points: picked.x.map((x, i) => ({ x, y: picked.y[i]! })) }] : [];
  });
}

function fitSeries(label: string, charts: RegressionCharts): PlotSeries {
  const { actual, predicted } = charts.points;
  return { key: label, label, kind: 'scatter', points: actual.map((x, i) => ({ x, y: predicted[i]! })) };
}

function NodeCurves({ node, entries }: { node: string; entries: Entry[] }) {
  const roc = curve(entries, (c) => (c.roc ? { x: c.roc.fpr, y: c.roc.tpr } : null));
  const pr = curve(entries, (c) => (c.pr ? { x: c.pr.recall, y: c.pr.precision } : null));
  const gains = curve(entries, (c) => (c.lift ? { x: c.lift.fraction, y: c.lift.gain } : null));
  const fits: PlotSeries[] = entries.flatMap(({ label, charts }) => (charts.task === 'regression' ? [fitSeries(label, charts)] : []));
  if (roc.length + fits.length === 0) return null;
  const chance: PlotSeries = { key: 'chance', label: 'chance', points: DIAGONAL, kind: 'reference' };
  return (
    <div className="compare-curves" data-testid={`compare-curves-${node}`}>
      <h3>{node}</h3>
      <div className="evaluation-charts">
        {roc.length > 0 && (
          <XYPlot title={`ROC curve · ${node}`} testId={`compare-roc-${node}`} xLabel="false positive rate" yLabel="true positive rate" xDomain={UNIT} yDomain={UNIT} series={[...roc, chance]} />
        )}
        {pr.length > 0 && (
          <XYPlot title={`Precision-recall · ${node}`} testId={`compare-pr-${node}`} xLabel="recall" yLabel="precision" xDomain={UNIT} yDomain={UNIT} series={pr} />
        )}
        {gains.length > 0 && (
          <XYPlot
            title={`Cumulative gains · ${node}`}
            testId={`compare-gains-${node}`}
            xLabel="fraction of rows, highest scores first"
            yLabel="fraction of positives found"
            xDomain={UNIT}
            yDomain={UNIT}
            series={[...gains, { ...chance, label: 'random' }]}
          />
        )}
        {fits.length > 0 && (
          <XYPlot title={`Predicted vs actual · ${node}`} testId={`compare-fit-${node}`} xLabel="actual" yLabel="predicted" series={fits} />
        )}
      </div>
    </div>
  );
}

export function CompareCurves({ runs }: { runs: readonly Run[] }) {
  const sources = evaluationSources(runs);
  const contents = useJsonArtifacts(sources.map((source) => source.artifact));
  if (sources.length === 0) return null;
  const byNode = new Map<string, Entry[]>();
  sources.forEach((source, index) => {
    const charts = readEvaluationCharts(contents[index]?.data);
    if (!charts) return;
    for (const input of charts.inputs) {
      const label = `#${String(source.run.id)}${charts.inputs.length > 1 ? ` ${input.input}` : ''}`;
      const list = byNode.get(source.node) ?? [];
      list.push({ label, charts: input });
      byNode.set(source.node, list);
    }
  });
  const loading = contents.some((query) => query.isPending);
  return (
    <section className="compare-section" data-testid="compare-curves">
      <div className="compare-section-header">
        <h2>Evaluation curves</h2>
      </div>
      {loading && <p className="muted">Loading curves…</p>}
      {[...byNode.entries()].map(([node, entries]) => (
        <NodeCurves key={node} node={node} entries={entries} />
      ))}
    </section>
  );
}
