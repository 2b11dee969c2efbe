import { describe, expect, it, vi } from 'vitest';
import { nodeEvent, sampleRun } from '../../test/fixtures';
import { createLiveStore } from './liveStore';

describe('node subscriptions', () => {
  it('wake only the node an event is about; a snapshot or a reset wakes the nodes it changes', () => {
    const store = createLiveStore();
    store.getState().reset('12');
    store.getState().receive({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
    const load = vi.fn();
    const split = vi.fn();
    store.subscribeNode('load', load);
    const stop = store.subscribeNode('split', split);

    store.getState().receive(nodeEvent(6, 'split', 'running'));
    expect([load.mock.calls.length, split.mock.calls.length]).toEqual([0, 1]);
    // Log lines and a run event change no node.
    store.getState().receive({ type: 'log', seq: 7, node: 'split', stream: 'stdout', line: 'a' });
    store.getState().receive({ type: 'run', seq: 8, status: 'running', started_at: null, finished_at: null });
    expect([load.mock.calls.length, split.mock.calls.length]).toEqual([0, 1]);

    const next = sampleRun({ seq: 9 });
    next.nodes[0] = { ...next.nodes[0]!, status: 'failed' };
    store.getState().receive({ type: 'snapshot', seq: 9, run: next });
    expect([load.mock.calls.length, split.mock.calls.length]).toEqual([1, 2]);

    stop();
    store.getState().reset(null);
    expect([load.mock.calls.length, split.mock.calls.length]).toEqual([2, 2]);
  });

  it('take a batch as one update: each node it changes woken once, the store notified once', () => {
    const store = createLiveStore();
    store.getState().reset('12');
    store.getState().receive({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
    const load = vi.fn();
    const split = vi.fn();
    const other = vi.fn();
    const whole = vi.fn();
    store.subscribeNode('load', load);
    store.subscribeNode('split', split);
    store.subscribeNode('train', other);
    store.subscribe(whole);

    const refetch = store.getState().receiveAll([
      nodeEvent(6, 'split', 'running'),
      { type: 'progress', seq: 7, node: 'split', current: 1, total: 3 },
      { type: 'log', seq: 8, node: 'load', stream: 'stdout', line: 'a' },
      { type: 'metric', seq: 9, node: 'split', name: 'rows', value: 3, step: null },
      nodeEvent(10, 'split', 'completed'),
    ]);
    expect(refetch).toBe(false);
    expect([load.mock.calls.length, split.mock.calls.length, other.mock.calls.length]).toEqual([0, 1, 0]);
    expect(whole).toHaveBeenCalledTimes(1);
    expect(store.getState()).toMatchObject({ lastSeq: 10, nodes: { split: { status: 'completed', metrics: { rows: 3 } } } });

    // A gap inside the batch: what came before it applies, the rest waits for a refetch.
    expect(store.getState().receiveAll([nodeEvent(11, 'load', 'running'), nodeEvent(13, 'split', 'failed')])).toBe(true);
    expect([load.mock.calls.length, split.mock.calls.length]).toEqual([1, 1]);
    expect(whole).toHaveBeenCalledTimes(2);
    expect(store.getState()).toMatchObject({ lastSeq: 11, resyncing: true, held: [{ seq: 13 }] });
  });
});
