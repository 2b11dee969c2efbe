import { describe, expect, it } from 'vitest';
import { filterLogLines, tailLines } from './logLines';
import { metricSeries } from './metricSeries';
import { describeReuseChange } from './reuseChanges';

const line = (seq: number, text: string) => ({ seq, stream: 'stdout' as const, line: text });

describe('log lines', () => {
  it('filter case-insensitively and keep all for a blank query', () => {
    const lines = [line(1, 'Loading data'), line(2, 'epoch 1 loss=0.3'), line(3, 'EPOCH 2 loss=0.2')];
    expect(filterLogLines(lines, ' epoch ').map((l) => l.seq)).toEqual([2, 3]);
    expect(filterLogLines(lines, '')).toBe(lines);
  });

  it('keep a tail of the most recent lines', () => {
    const lines = [line(1, 'a'), line(2, 'b'), line(3, 'c')];
    expect(tailLines(lines, 2).map((l) => l.seq)).toEqual([2, 3]);
    expect(tailLines(lines, 5)).toBe(lines);
  });
});

describe('metricSeries', () => {
  it('groups by name, x being the step or else the position', () => {
    expect(
      metricSeries([
        { name: 'loss', value: 0.9, step: 0, time: '', from_run: 1 },
        { name: 'r2', value: 0.4, step: null, time: '', from_run: 1 },
        { name: 'loss', value: 0.5, step: 10, time: '', from_run: 1 },
        { name: 'r2', value: 0.45, step: null, time: '', from_run: 1 },
      ]),
    ).toEqual({
      loss: [
        { x: 0, y: 0.9 },
        { x: 10, y: 0.5 },
      ],
      r2: [
        { x: 0, y: 0.4 },
        { x: 1, y: 0.45 },
      ],
    });
  });
});

describe('describeReuseChange', () => {
  it('says what changed, with before and now for values', () => {
    expect(describeReuseChange({ part: 'param', name: 'fraction', before: 0.7, now: 0.8 })).toEqual({
      what: 'parameter fraction',
      before: '0.7',
      now: '0.8',
    });
    expect(describeReuseChange({ part: 'input', name: 'data', before: 'a', now: 'b' })).toEqual({ what: 'input data changed' });
    expect(describeReuseChange({ part: 'code', name: null, before: 'x', now: 'y' })).toEqual({ what: 'code changed' });
    expect(describeReuseChange({ part: 'component', name: null, before: 'a@1', now: 'a@2' })).toEqual({
      what: 'component',
      before: 'a@1',
      now: 'a@2',
    });
    expect(describeReuseChange({ part: 'environment', name: null, before: 1, now: 2 })).toEqual({ what: 'environment changed' });
    expect(describeReuseChange({ part: 'param', name: 'mode', before: null, now: 'random' }).before).toBe('(unset)');
  });
});
