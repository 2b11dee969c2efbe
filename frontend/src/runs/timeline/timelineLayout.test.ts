import { describe, expect, it } from 'vitest';
import type { NodeRun } from '../../api/models';
import { sampleGraph } from '../../test/fixtures';
import { timelineLayout } from './timelineLayout';

const status = (s: NodeRun['status']) => ({ status: s }) as NodeRun;

describe('timelineLayout', () => {
  it('orders started nodes by start time, then the rest in graph order', () => {
    const layout = timelineLayout(
      sampleGraph(),
      { load: status('completed'), split: status('running'), train: status('pending') },
      { split: { start: 5000, end: 9000, open: true }, load: { start: 2000, end: 4000, open: false } },
      1000,
    );
    expect(layout.origin).toBe(1000);
    expect(layout.span).toBe(8000);
    expect(layout.rows).toEqual([
      { node: 'load', status: 'completed', start: 1000, end: 3000, open: false },
      { node: 'split', status: 'running', start: 4000, end: 8000, open: true },
      { node: 'train', status: 'pending', start: null, end: null, open: false },
    ]);
  });

  it('has an axis of at least a second, even before anything starts', () => {
    const layout = timelineLayout(sampleGraph(), {}, {}, null);
    expect(layout).toMatchObject({ origin: 0, span: 1000 });
    expect(layout.rows.map((row) => row.node)).toEqual(['load', 'split', 'train']);
  });
});
