import { describe, expect, it, vi } from 'vitest';
import type { Run, RunStreamMessage } from '../../api/models';
import { nodeEvent, sampleRun } from '../../test/fixtures';
import { initialLiveState, receiveMessages, beginResync, type LiveRunState } from './liveState';
import { RunStream } from './runStream';
import type { SocketLike, Timers } from './runSocket';

class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  close() {}
  send(message: object) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  /** Events as a `?batch=1` socket sends them: one frame. */
  sendBatch(events: RunStreamMessage[]) {
    this.send({ type: 'batch', seq: events[events.length - 1]!.seq, events });
  }
}

/** A sink over the pure handlers, standing in for the zustand store; notes each call's messages. */
function memorySink() {
  let state: LiveRunState = initialLiveState('12');
  const calls: RunStreamMessage[][] = [];
  return {
    get state() {
      return state;
    },
    calls,
    receive: (messages: readonly RunStreamMessage[]) => {
      calls.push([...messages]);
      const result = receiveMessages(state, messages);
      state = result.state;
      return result.refetch;
    },
    beginResync: () => {
      state = beginResync(state);
    },
    status: () => state.status,
    resyncing: () => state.resyncing,
  };
}

function setup(fetchRun: () => Promise<Run>) {
  const sockets: FakeSocket[] = [];
  const timerCallbacks: (() => void)[] = [];
  const timers: Timers = { set: (cb) => timerCallbacks.push(cb), clear: () => undefined };
  const sink = memorySink();
  const onResynced = vi.fn();
  const stream = new RunStream({
    url: 'ws://host/ws/runs/12/',
    sink,
    fetchRun,
    onResynced,
    socket: {
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
      timers,
    },
  });
  return { stream, sockets, sink, onResynced, timerCallbacks };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RunStream', () => {
  it('refetches the run on a gap and continues from the refetched snapshot', async () => {
    const fetchRun = vi.fn().mockResolvedValue(sampleRun({ seq: 7 }));
    const { stream, sockets, sink, onResynced } = setup(fetchRun);
    stream.start();
    const socket = sockets[0]!;
    socket.onopen?.(new Event('open'));
    socket.send({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
    socket.send({ type: 'node', seq: 6, node: 'split', status: 'running' });
    expect(fetchRun).not.toHaveBeenCalled();

    socket.send({ type: 'node', seq: 9, node: 'split', status: 'completed' });
    expect(fetchRun).toHaveBeenCalledTimes(1);
    expect(sink.state.resyncing).toBe(true);

    socket.send({ type: 'node', seq: 8, node: 'train', status: 'queued' });
    await flush();

    expect(sink.state.resyncing).toBe(false);
    expect(sink.state.lastSeq).toBe(9);
    expect(sink.state.nodes.split?.status).toBe('completed');
    expect(sink.state.nodes.train?.status).toBe('queued');
    expect(onResynced).toHaveBeenCalled();
    stream.stop();
  });

  it('refetches after a reconnect', async () => {
    const fetchRun = vi.fn().mockResolvedValue(sampleRun({ seq: 20, status: 'completed' }));
    const { stream, sockets, sink, timerCallbacks } = setup(fetchRun);
    stream.start();
    sockets[0]!.onopen?.(new Event('open'));
    sockets[0]!.send({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
    sockets[0]!.onclose?.(new CloseEvent('close', { code: 1006 }));

    timerCallbacks.shift()?.();
    sockets[1]!.onopen?.(new Event('open'));
    expect(fetchRun).toHaveBeenCalledTimes(1);
    await flush();
    expect(sink.state.lastSeq).toBe(20);
    expect(sink.state.status).toBe('completed');
    stream.stop();
  });

  it('ignores frames that are not stream messages', () => {
    const fetchRun = vi.fn();
    const { stream, sockets, sink } = setup(fetchRun);
    stream.start();
    sockets[0]!.onmessage?.(new MessageEvent('message', { data: 'garbage' }));
    expect(sink.state.lastSeq).toBe(-1);
    stream.stop();
  });

  it('does not refetch in a tight loop when the snapshot still leaves a hole', async () => {
    vi.useFakeTimers();
    try {
      const fetchRun = vi.fn().mockResolvedValue(sampleRun({ seq: 6 }));
      const { stream, sockets } = setup(fetchRun);
      stream.start();
      sockets[0]!.send({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
      sockets[0]!.send({ type: 'node', seq: 9, node: 'split', status: 'completed' });
      await vi.advanceTimersByTimeAsync(10);
      expect(fetchRun).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(fetchRun).toHaveBeenCalledTimes(2);
      stream.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('never fetches the run for node events: the reuse info and traceback come with them', async () => {
    vi.useFakeTimers();
    try {
      const fetchRun = vi.fn().mockResolvedValue(sampleRun({ seq: 5 }));
      const { stream, sockets, sink } = setup(fetchRun);
      stream.start();
      const first = { reused: false, reason: 'first_run' as const, message: 'first', changes: [] };
      sockets[0]!.send({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
      sockets[0]!.send(nodeEvent(6, 'split', 'queued', { reuse: first }));
      sockets[0]!.send(nodeEvent(7, 'train', 'queued', { reuse: first }));
      sockets[0]!.send(nodeEvent(8, 'split', 'failed', { reuse: first, error: 'boom', traceback: 'Traceback…' }));
      sockets[0]!.send({ type: 'run', seq: 9, status: 'failed', started_at: null, finished_at: '2026-11-25T10:01:00Z' });
      await vi.advanceTimersByTimeAsync(2000);
      expect(fetchRun).not.toHaveBeenCalled();
      expect(sink.state.lastSeq).toBe(9);
      expect(sink.state.nodes.split).toMatchObject({ status: 'failed', reuse: first, traceback: 'Traceback…' });
      stream.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('applies the events of a batch frame in order, in one call to the sink', () => {
    const fetchRun = vi.fn();
    const { stream, sockets, sink } = setup(fetchRun);
    stream.start();
    sockets[0]!.send({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
    sockets[0]!.sendBatch([
      nodeEvent(6, 'split', 'running'),
      { type: 'log', seq: 7, node: 'split', stream: 'stdout', line: 'one' },
      { type: 'progress', seq: 8, node: 'split', current: 1, total: 2 },
      { type: 'log', seq: 9, node: 'split', stream: 'stdout', line: 'two' },
      nodeEvent(10, 'split', 'completed'),
    ]);
    expect(sink.calls.map((messages) => messages.map((message) => message.seq))).toEqual([[5], [6, 7, 8, 9, 10]]);
    expect(fetchRun).not.toHaveBeenCalled();
    expect(sink.state.lastSeq).toBe(10);
    expect(sink.state.nodes.split).toMatchObject({ status: 'completed', progress: { current: 1, total: 2 } });
    expect(sink.state.logs.split?.map((line) => line.line)).toEqual(['one', 'two']);
    stream.stop();
  });

  /** The same events once one frame each and once as batches: the same refetches, the same end. */
  async function playBothWays(frames: RunStreamMessage[][], refetched: number) {
    const ends = [];
    for (const batched of [false, true]) {
      const fetchRun = vi.fn().mockResolvedValue(sampleRun({ seq: refetched }));
      const { stream, sockets, sink } = setup(fetchRun);
      stream.start();
      sockets[0]!.send({ type: 'snapshot', seq: 5, run: sampleRun({ seq: 5 }) });
      for (const events of frames) {
        if (batched) sockets[0]!.sendBatch(events);
        else for (const event of events) sockets[0]!.send(event);
      }
      const during = { fetches: fetchRun.mock.calls.length, resyncing: sink.state.resyncing };
      await flush();
      const { lastSeq, resyncing, nodes } = sink.state;
      ends.push({ during, fetches: fetchRun.mock.calls.length, lastSeq, resyncing, split: nodes.split?.status });
      stream.stop();
    }
    expect(ends[1]).toEqual(ends[0]);
    return ends[1]!;
  }

  it('resyncs on a gap inside a batch exactly as on single events', async () => {
    // 7 is lost between 6 and 8: 8 and 9 wait for the refetched run (seq 7), then apply.
    const end = await playBothWays([[nodeEvent(6, 'split', 'running'), nodeEvent(8, 'split', 'failed'), nodeEvent(9, 'split', 'running')]], 7);
    expect(end).toEqual({ during: { fetches: 1, resyncing: true }, fetches: 1, lastSeq: 9, resyncing: false, split: 'running' });
  });

  it('resyncs on a gap before a batch exactly as on single events', async () => {
    const end = await playBothWays([[nodeEvent(7, 'split', 'running'), nodeEvent(8, 'split', 'completed')]], 6);
    expect(end).toEqual({ during: { fetches: 1, resyncing: true }, fetches: 1, lastSeq: 8, resyncing: false, split: 'completed' });
  });
});
