import { describe, expect, it } from 'vitest';
import { bestF1Index, confusionAt, metricsOf, nearestThresholdIndex, readEvaluationCharts, type ThresholdsTable } from './evaluation';

// Ten rows: scores 0.05, 0.15 … 0.95; the top four and the one at 0.35 are positive.
const scores = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];
const positive = [false, false, false, true, false, false, true, true, true, true];

function tableAt(thresholds: number[]): ThresholdsTable {
  const table: ThresholdsTable = { threshold: thresholds, tp: [], fp: [], tn: [], fn: [] };
  for (const threshold of thresholds) {
    const called = scores.map((score) => score >= threshold);
    table.tp.push(called.filter((c, i) => c && positive[i]).length);
    table.fp.push(called.filter((c, i) => c && !positive[i]).length);
    table.tn.push(called.filter((c, i) => !c && !positive[i]).length);
    table.fn.push(called.filter((c, i) => !c && positive[i]).length);
  }
  return table;
}

const table = tableAt([0, 0.1, 0.3, 0.5, 0.6, 0.9, 1]);

describe('nearestThresholdIndex', () => {
  it('finds the closest threshold, ties going to the lower one', () => {
    expect(nearestThresholdIndex(table.threshold, 0.5)).toBe(3);
    expect(nearestThresholdIndex(table.threshold, 0.56)).toBe(4);
    expect(nearestThresholdIndex(table.threshold, 0.19)).toBe(1);
    expect(nearestThresholdIndex(table.threshold, -3)).toBe(0);
    expect(nearestThresholdIndex(table.threshold, 7)).toBe(6);
    expect(nearestThresholdIndex([], 0.5)).toBe(-1);
  });
});

describe('confusion at a threshold', () => {
  it('reads the counts of that row, which always add up to the rows', () => {
    const half = confusionAt(table, nearestThresholdIndex(table.threshold, 0.5));
    expect(half).toEqual({ threshold: 0.5, tp: 4, fp: 1, tn: 4, fn: 1 });
    for (let i = 0; i < table.threshold.length; i += 1) {
      const { tp, fp, tn, fn } = confusionAt(table, i);
      expect(tp + fp + tn + fn).toBe(10);
    }
  });

  it('moves counts from positive calls to negative ones as the threshold rises', () => {
    const low = confusionAt(table, 1);
    const high = confusionAt(table, 5);
    expect(low.tp + low.fp).toBeGreaterThan(high.tp + high.fp);
    expect(high).toEqual({ threshold: 0.9, tp: 1, fp: 0, tn: 5, fn: 4 });
  });
});

describe('metricsOf', () => {
  it('gives accuracy, precision, recall, F1 and the false positive rate', () => {
    const metrics = metricsOf({ threshold: 0.5, tp: 4, fp: 1, tn: 4, fn: 1 });
    expect(metrics.accuracy).toBe(0.8);
    expect(metrics.precision).toBe(0.8);
    expect(metrics.recall).toBe(0.8);
    expect(metrics.f1).toBeCloseTo(0.8);
    expect(metrics.fpr).toBe(0.2);
  });

  it('leaves undefined ratios null instead of dividing by zero', () => {
    const nothingCalled = metricsOf({ threshold: 1, tp: 0, fp: 0, tn: 5, fn: 5 });
    expect(nothingCalled.precision).toBeNull();
    expect(nothingCalled.recall).toBe(0);
    expect(nothingCalled.f1).toBeNull();
    // Nothing right: precision and recall are 0, and so is F1 (as scikit-learn has it).
    expect(metricsOf({ threshold: 0.5, tp: 0, fp: 3, tn: 0, fn: 2 }).f1).toBe(0);
  });

  it('picks the threshold with the best F1 to start from', () => {
    // At 0.6 the four top scores are called positive, all rightly: F1 8/9 beats 0.5's 0.8.
    expect(table.threshold[bestF1Index(table)]).toBe(0.6);
  });
});

describe('readEvaluationCharts', () => {
  it('keeps entries with a task and refuses other JSON', () => {
    expect(readEvaluationCharts({ inputs: [{ input: 'scored', task: 'binary', rows: 3 }, 5] })?.inputs).toHaveLength(1);
    expect(readEvaluationCharts({ r2: 0.5 })).toBeNull();
    expect(readEvaluationCharts(null)).toBeNull();
  });
});
