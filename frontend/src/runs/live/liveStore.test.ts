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
});
