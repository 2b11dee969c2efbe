import { describe, expect, it } from 'vitest';
import type { LogEventMessage, RunStreamMessage } from '../../api/models';
import { nodeEvent, sampleRun } from '../../test/fixtures';
import {
  addLogLine,
  beginResync,
  initialLiveState,
  isFinalRunStatus,
  mergeLogLines,
  parseStreamFrame,
  receiveMessage,
  type LiveLogLine,
  type LiveRunState,
} from './liveState';

const logEvent = (seq: number, node: string, line: string): LogEventMessage => ({
  type: 'log',
  seq,
  node,
  stream: 'stdout',
  line,
});

/** Feeds messages in order; returns the final state and the seqs at which a refetch was asked. */
function feed(state: LiveRunState, messages: RunStreamMessage[]) {
  const refetchAt: number[] = [];
  for (const message of messages) {
    const result = receiveMessage(state, message);
    state = result.state;
    if (result.refetch) refetchAt.push(message.seq);
  }
  return { state, refetchAt };
}

const snapshot = (seq = 5) => ({ type: 'snapshot', seq, run: sampleRun({ seq }) }) as const;

describe('snapshot', () => {
  it('replaces the state with the run it carries', () => {
    const { state } = feed(initialLiveState('12'), [snapshot(5)]);
    expect(state.lastSeq).toBe(5);
    expect(state.status).toBe('running');
    expect(state.nodes.load?.status).toBe('completed');
    expect(state.nodes.split?.status).toBe('queued');
  });

  it('a later snapshot resets what events had changed', () => {
    const { state } = feed(initialLiveState('12'), [
      snapshot(5),
      nodeEvent(6, 'split', 'failed'),
      { type: 'snapshot', seq: 9, run: sampleRun({ seq: 9, status: 'completed' }) },
    ]);
    expect(state.nodes.split?.status).toBe('queued');
    expect(state.status).toBe('completed');
    expect(state.lastSeq).toBe(9);
  });

  it('ignores a snapshot older than what is shown, unless resyncing', () => {
    const ahead = feed(initialLiveState('12'), [snapshot(5), nodeEvent(6, 'split', 'running')]).state;
    expect(receiveMessage(ahead, snapshot(4)).state).toBe(ahead);
    const resyncing = beginResync(ahead);
    expect(receiveMessage(resyncing, snapshot(4)).state.lastSeq).toBe(4);
  });
});

describe('event ordering', () => {
  it('applies events in sequence and keeps the last seq', () => {
    const { state, refetchAt } = feed(initialLiveState('12'), [
      snapshot(5),
      nodeEvent(6, 'split', 'running', { attempts: 1, started_at: '2026-11-25T10:00:02Z' }),
      nodeEvent(7, 'split', 'completed', { started_at: '2026-11-25T10:00:02Z', outputs: { first: 41, second: 42 } }),
    ]);
    expect(refetchAt).toEqual([]);
    expect(state.lastSeq).toBe(7);
    expect(state.nodes.split).toMatchObject({
      status: 'completed',
      attempts: 1,
      started_at: '2026-11-25T10:00:02Z',
      outputs: { first: 41, second: 42 },
    });
  });

  it('ignores an event whose seq is not newer than the last one', () => {
    const base = feed(initialLiveState('12'), [snapshot(5), nodeEvent(6, 'split', 'running')]).state;
    const { state } = feed(base, [nodeEvent(6, 'split', 'failed'), nodeEvent(3, 'split', 'pending')]);
    expect(state).toBe(base);
    expect(state.nodes.split?.status).toBe('running');
  });

  it('on a gap holds the event back and asks for a refetch', () => {
    const { state, refetchAt } = feed(initialLiveState('12'), [snapshot(5), nodeEvent(8, 'split', 'completed')]);
    expect(refetchAt).toEqual([8]);
    expect(state.resyncing).toBe(true);
    expect(state.lastSeq).toBe(5);
    expect(state.nodes.split?.status).toBe('queued');
  });

  it('replays held-back events newer than the refetched snapshot', () => {
    const { state, refetchAt } = feed(initialLiveState('12'), [
      snapshot(5),
      nodeEvent(8, 'split', 'completed'),
      nodeEvent(9, 'train', 'queued'),
      // the REST answer: the run as of seq 7 (events 6 and 7 included)
      { type: 'snapshot', seq: 7, run: sampleRun({ seq: 7 }) },
    ]);
    expect(refetchAt).toEqual([8]);
    expect(state.resyncing).toBe(false);
    expect(state.lastSeq).toBe(9);
    expect(state.nodes.split?.status).toBe('completed');
    expect(state.nodes.train?.status).toBe('queued');
  });

  it('asks again when the refetched snapshot still leaves a hole', () => {
    const gap = feed(initialLiveState('12'), [snapshot(5), nodeEvent(9, 'split', 'completed')]).state;
    const result = receiveMessage(gap, { type: 'snapshot', seq: 6, run: sampleRun({ seq: 6 }) });
    expect(result.refetch).toBe(true);
    expect(result.state.resyncing).toBe(true);
  });

  it('holds events that arrive before the first snapshot', () => {
    const { state, refetchAt } = feed(initialLiveState('12'), [nodeEvent(6, 'split', 'running'), snapshot(5)]);
    expect(refetchAt).toEqual([]);
    expect(state.lastSeq).toBe(6);
    expect(state.nodes.split?.status).toBe('running');
  });
});

describe('event handlers', () => {
  it('record metrics, progress and the run status', () => {
    const { state } = feed(initialLiveState('12'), [
      snapshot(5),
      { type: 'progress', seq: 6, node: 'split', current: 3, total: 10 },
      { type: 'metric', seq: 7, node: 'split', name: 'r2', value: 0.45, step: null },
      { type: 'metric', seq: 8, node: 'split', name: 'r2', value: 0.5, step: null },
      { type: 'run', seq: 9, status: 'completed', started_at: null, finished_at: '2026-11-25T10:05:00Z' },
    ]);
    expect(state.nodes.split?.progress).toEqual({ current: 3, total: 10 });
    expect(state.nodes.split?.metrics).toEqual({ r2: 0.5 });
    expect(state.status).toBe('completed');
    expect(state.finishedAt).toBe('2026-11-25T10:05:00Z');
    expect(isFinalRunStatus(state.status)).toBe(true);
  });

  it('creates a node entry for a node the snapshot did not list', () => {
    const { state } = feed(initialLiveState('12'), [snapshot(5), nodeEvent(6, 'train', 'queued')]);
    expect(state.nodes.train).toMatchObject({ node: 'train', status: 'queued', metrics: {}, outputs: {} });
  });

  it('appends log lines per node', () => {
    const { state } = feed(initialLiveState('12'), [
      snapshot(5),
      logEvent(6, 'split', 'reading'),
      logEvent(7, 'split', 'done'),
      logEvent(8, 'load', 'other node'),
    ]);
    expect(state.logs.split?.map((line) => line.line)).toEqual(['reading', 'done']);
    expect(state.logs.load).toHaveLength(1);
  });
});

describe('log lines', () => {
  it('are unique and ordered by seq', () => {
    let lines = addLogLine([], { seq: 2, stream: 'stdout', line: 'b' });
    lines = addLogLine(lines, { seq: 1, stream: 'stdout', line: 'a' });
    const same = addLogLine(lines, { seq: 2, stream: 'stdout', line: 'b again' });
    expect(same).toBe(lines);
    expect(lines.map((line) => line.line)).toEqual(['a', 'b']);
  });

  it('keep only the most recent lines past the cap', () => {
    let lines = addLogLine([], { seq: 1, stream: 'stdout', line: 'a' }, 2);
    lines = addLogLine(lines, { seq: 2, stream: 'stdout', line: 'b' }, 2);
    lines = addLogLine(lines, { seq: 3, stream: 'stdout', line: 'c' }, 2);
    expect(lines.map((line) => line.seq)).toEqual([2, 3]);
  });

  it('merge fetched and live lines without duplicates', () => {
    const fetched: LiveLogLine[] = [
      { seq: 6, stream: 'stdout', line: 'one' },
      { seq: 7, stream: 'stdout', line: 'two' },
    ];
    const live: LiveLogLine[] = [
      { seq: 7, stream: 'stdout', line: 'two' },
      { seq: 9, stream: 'stderr', line: 'three' },
    ];
    expect(mergeLogLines(fetched, live).map((line) => line.seq)).toEqual([6, 7, 9]);
  });
});

describe('parseStreamFrame', () => {
  it('accepts stream messages and rejects anything else', () => {
    expect(parseStreamFrame('{"type":"log","seq":3,"node":"a","stream":"stdout","line":"x"}')).toMatchObject([
      { type: 'log', seq: 3 },
    ]);
    expect(parseStreamFrame('{"type":"snapshot","seq":1}')).toEqual([]);
    expect(parseStreamFrame('{"type":"bogus","seq":1}')).toEqual([]);
    expect(parseStreamFrame('{"type":"node"}')).toEqual([]);
    expect(parseStreamFrame('not json')).toEqual([]);
    expect(parseStreamFrame('null')).toEqual([]);
    expect(parseStreamFrame(new ArrayBuffer(2))).toEqual([]);
  });

  it('unfolds a batch into its events, in order, each checked as if it came alone', () => {
    const frame = JSON.stringify({
      type: 'batch',
      seq: 8,
      events: [
        { type: 'node', seq: 6, node: 'a', status: 'running' },
        { type: 'bogus', seq: 7 },
        { type: 'log', seq: 7, node: 'a', stream: 'stdout', line: 'x' },
        { type: 'run', seq: 8, status: 'running' },
      ],
    });
    expect(parseStreamFrame(frame).map((message) => [message.type, message.seq])).toEqual([
      ['node', 6],
      ['log', 7],
      ['run', 8],
    ]);
    expect(parseStreamFrame('{"type":"batch","seq":3,"events":"no"}')).toEqual([]);
  });
});
