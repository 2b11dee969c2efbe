import { describe, expect, it } from 'vitest';
import type { ReuseInfo } from '../../api/models';
import { nodeEvent, sampleRun } from '../../test/fixtures';
import { initialLiveState, receiveMessage, type LiveRunState } from './liveState';
import { runProgress } from './runProgress';

function shown(seq = 5): LiveRunState {
  return receiveMessage(initialLiveState('12'), { type: 'snapshot', seq, run: sampleRun({ seq }) }).state;
}

describe('node events', () => {
  it('carry why a node was or was not reused, and where a reused output came from', () => {
    let state = shown();
    const miss: ReuseInfo = {
      reused: false,
      reason: 'changed',
      message: 'Not reused: parameter fraction changed.',
      changes: [{ part: 'param', name: 'fraction', before: 0.7, now: 0.8 }],
      compared_with: { run: 9, node: 'split' },
    };
    state = receiveMessage(state, nodeEvent(6, 'split', 'queued', { reuse: miss })).state;
    expect(state.nodes.split).toMatchObject({ status: 'queued', reuse: miss, reused_from: null });
    const hit: ReuseInfo = { reused: true, reason: 'reused', message: 'Reused.', changes: [], from: { run: 3, node: 'load' } };
    state = receiveMessage(state, nodeEvent(7, 'load', 'reused', { reused: true, reuse: hit, outputs: { data: 7 } })).state;
    expect(state.nodes.load).toMatchObject({ status: 'reused', reuse: hit, reused_from: { run: 3, node: 'load' }, outputs: { data: 7 } });
    expect(state.nodes.load?.component).toBe('load_csv@1.0.0');
  });

  it('bring a reused node its origin’s metrics and name that run', () => {
    let state = shown();
    const hit: ReuseInfo = { reused: true, reason: 'reused', message: 'Reused.', changes: [], from: { run: 3, node: 'split' } };
    const event = nodeEvent(6, 'split', 'reused', { reused: true, reuse: hit, from_run: 3, metrics: { r2: 0.45 } });
    state = receiveMessage(state, event).state;
    expect(state.nodes.split).toMatchObject({ status: 'reused', from_run: 3, metrics: { r2: 0.45 } });
    // An event without metrics (the node ran here) keeps those received as metric events.
    state = receiveMessage(state, { type: 'metric', seq: 7, node: 'load', name: 'rows', value: 9, step: null }).state;
    state = receiveMessage(state, nodeEvent(8, 'load', 'completed')).state;
    expect(state.nodes.load?.metrics).toEqual({ rows: 9 });
  });

  it('drop an earlier attempt’s traceback when the node runs again', () => {
    let state = shown();
    state = receiveMessage(state, nodeEvent(6, 'split', 'failed', { traceback: 'tb', error: 'boom' })).state;
    expect(state.nodes.split?.traceback).toBe('tb');
    state = receiveMessage(state, nodeEvent(7, 'split', 'running')).state;
    expect(state.nodes.split?.traceback).toBeNull();
  });
});

describe('runProgress', () => {
  it('counts finished nodes of every kind, and failures', () => {
    expect(
      runProgress({
        a: { status: 'completed' },
        b: { status: 'reused' },
        c: { status: 'failed' },
        d: { status: 'running' },
        e: { status: 'skipped' },
        f: undefined,
      }),
    ).toEqual({ done: 4, total: 5, failed: 1 });
  });
});

describe('logsFrom', () => {
  it('marks where live log lines become complete: at every snapshot that skips events', () => {
    let state = initialLiveState('12');
    expect(state.logsFrom).toBe(-1);
    state = receiveMessage(state, { type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) }).state;
    expect(state.logsFrom).toBe(5);
    state = receiveMessage(state, { type: 'log', seq: 6, node: 'split', stream: 'stdout', line: 'a' }).state;
    // The REST copy of what is shown skips nothing.
    state = receiveMessage(state, { type: 'snapshot', seq: 6, run: sampleRun({ seq: 6 }) }).state;
    expect(state.logsFrom).toBe(5);
    // A snapshot ahead of the events shown jumped over some: lines up to it must be fetched.
    state = receiveMessage(state, { type: 'snapshot', seq: 9, run: sampleRun({ seq: 9 }) }).state;
    expect(state.logsFrom).toBe(9);
    expect(state.logs.split?.map((line) => line.seq)).toEqual([6]);
  });
});
