import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../api/runs';
import { sampleRun } from '../../test/fixtures';
import { initialLiveState, mergeRunDetails, needsDetails, receiveMessage, type LiveRunState } from './liveState';
import { runProgress } from './runProgress';

function shown(seq = 5): LiveRunState {
  return receiveMessage(initialLiveState('12'), { type: 'snapshot', seq, run: sampleRun({ seq }) }).state;
}

const reuse = { reused: false, reason: 'changed', message: 'Not reused: parameter fraction changed.', changes: [] };

describe('needsDetails', () => {
  it('asks for details when a node is queued, reused or failed, and when the run ends', () => {
    expect(needsDetails({ type: 'node', seq: 1, node: 'a', status: 'queued' })).toBe(true);
    expect(needsDetails({ type: 'node', seq: 1, node: 'a', status: 'reused' })).toBe(true);
    expect(needsDetails({ type: 'node', seq: 1, node: 'a', status: 'failed' })).toBe(true);
    expect(needsDetails({ type: 'node', seq: 1, node: 'a', status: 'running' })).toBe(false);
    expect(needsDetails({ type: 'run', seq: 1, status: 'completed' })).toBe(true);
    expect(needsDetails({ type: 'run', seq: 1, status: 'running' })).toBe(false);
    expect(needsDetails({ type: 'log', seq: 1, node: 'a', stream: 'stdout', line: 'x' })).toBe(false);
  });
});

describe('mergeRunDetails', () => {
  it('fills in reuse, origin, params and traceback without touching live state', () => {
    let state = shown();
    state = receiveMessage(state, { type: 'node', seq: 6, node: 'split', status: 'failed', error: 'boom' }).state;
    const fetched: RunDetail = sampleRun({ seq: 5 });
    fetched.nodes = [
      { ...fetched.nodes[0]!, status: 'reused', reused_from: { run: 3, node: 'load' } },
      { ...fetched.nodes[1]!, status: 'running', params: { fraction: 0.8 }, reuse, traceback: 'Traceback…' },
    ];
    const merged = mergeRunDetails(state, fetched);
    expect(merged.nodes.load?.status).toBe('completed');
    expect(merged.nodes.load?.reused_from).toEqual({ run: 3, node: 'load' });
    expect(merged.nodes.split).toMatchObject({ status: 'failed', error: 'boom', params: { fraction: 0.8 }, reuse, traceback: 'Traceback…' });
    expect(merged.lastSeq).toBe(6);
  });

  it('keeps the same state when there is nothing new, and skips a traceback for a node not failed', () => {
    const state = shown();
    expect(mergeRunDetails(state, sampleRun())).toBe(state);
    const fetched: RunDetail = sampleRun();
    fetched.nodes = [{ ...fetched.nodes[0]!, traceback: 'old' }];
    expect(mergeRunDetails(state, fetched)).toBe(state);
  });
});

describe('node events', () => {
  it('drop an earlier attempt’s traceback when the node runs again', () => {
    let state = shown();
    state = receiveMessage(state, { type: 'node', seq: 6, node: 'split', status: 'failed', traceback: 'tb' }).state;
    expect(state.nodes.split?.traceback).toBe('tb');
    state = receiveMessage(state, { type: 'node', seq: 7, node: 'split', status: 'running', error: null }).state;
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
