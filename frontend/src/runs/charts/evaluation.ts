/**
 * Evaluate Model's `charts` output (see its README, "Chart data") and the arithmetic the
 * threshold slider needs: the confusion counts at a threshold and the metrics they give. Pure.
 */

export type Columns<K extends string> = Record<K, number[]>;

export interface ThresholdsTable {
  threshold: number[];
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
}

export interface Histogram {
  edges: number[];
  counts: number[];
}

interface Common {
  input: string;
  rows: number;
}

export interface BinaryCharts extends Common {
  task: 'binary';
  positive_class?: string | number | boolean;
  negative_class?: string | number | boolean;
  positives?: number;
  thresholds?: ThresholdsTable;
  roc?: Columns<'fpr' | 'tpr' | 'threshold'>;
  pr?: Columns<'precision' | 'recall' | 'threshold'>;
  lift?: Columns<'fraction' | 'gain' | 'lift'>;
  score_histogram?: { edges: number[]; positive: number[]; negative: number[] };
  /** Without probabilities: the fixed confusion grid. */
  classes?: (string | number | boolean)[];
  matrix?: number[][];
}

export interface MulticlassCharts extends Common {
  task: 'multiclass';
  classes: (string | number | boolean)[];
  matrix: number[][];
}

export interface RegressionCharts extends Common {
  task: 'regression';
  points: Columns<'actual' | 'predicted' | 'residual'>;
  sampled: boolean;
  residual_histogram: Histogram;
  actual_histogram: Histogram;
  predicted_histogram: Histogram;
}

export interface ClusteringCharts extends Common {
  task: 'clustering';
  cluster_sizes: { cluster: (string | number)[]; count: number[] };
}

export type InputCharts = BinaryCharts | MulticlassCharts | RegressionCharts | ClusteringCharts;

export interface EvaluationCharts {
  inputs: InputCharts[];
}

/** The chart data in an artifact's JSON, or null when it is not Evaluate Model's. */
export function readEvaluationCharts(value: unknown): EvaluationCharts | null {
  if (!value || typeof value !== 'object' || !('inputs' in value)) return null;
  const inputs = (value as { inputs: unknown }).inputs;
  if (!Array.isArray(inputs)) return null;
  return {
    inputs: inputs.filter(
      (entry): entry is InputCharts => !!entry && typeof entry === 'object' && typeof (entry as { task?: unknown }).task === 'string',
    ),
  };
}

export interface Confusion {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The index of the table's threshold nearest to `threshold` (the table is ascending). */
export function nearestThresholdIndex(thresholds: readonly number[], threshold: number): number {
  if (thresholds.length === 0) return -1;
  let low = 0;
  let high = thresholds.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (thresholds[middle]! < threshold) low = middle + 1;
    else high = middle;
  }
  if (low > 0 && threshold - thresholds[low - 1]! <= thresholds[low]! - threshold) return low - 1;
  return low;
}

/** The confusion counts at the table's row `index`. */
export function confusionAt(table: ThresholdsTable, index: number): Confusion {
  return {
    threshold: table.threshold[index]!,
    tp: table.tp[index]!,
    fp: table.fp[index]!,
    tn: table.tn[index]!,
    fn: table.fn[index]!,
  };
}

export interface ThresholdMetrics {
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** False positive rate: where the threshold sits on the ROC curve. */
  fpr: number | null;
}

const ratio = (top: number, bottom: number) => (bottom === 0 ? null : top / bottom);

/** Accuracy, precision, recall, F1 and the false positive rate of confusion counts; null where undefined. */
export function metricsOf({ tp, fp, tn, fn }: Confusion): ThresholdMetrics {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : ratio(2 * precision * recall, precision + recall) ?? 0;
  return { accuracy: ratio(tp + tn, tp + fp + tn + fn), precision, recall, f1, fpr: ratio(fp, fp + tn) };
}

/** The table's row whose threshold gives the best F1: a sensible place to start the slider. */
export function bestF1Index(table: ThresholdsTable): number {
  let best = -1;
  let bestF1 = -1;
  table.threshold.forEach((_, index) => {
    const f1 = metricsOf(confusionAt(table, index)).f1 ?? -1;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = index;
    }
  });
  return best;
}
