import { describe, expect, it } from 'vitest';
import { backoffDelay, RunSocket, runSocketUrl, type SocketLike, type Timers } from './runSocket';

class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  receive(data: string) {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  drop(code = 1006) {
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

function harness(isFinal = () => false) {
  const sockets: FakeSocket[] = [];
  const pending: { callback: () => void; ms: number }[] = [];
  const timers: Timers = {
    set: (callback, ms) => {
      pending.push({ callback, ms });
      return pending.length;
    },
    clear: () => undefined,
  };
  const frames: unknown[] = [];
  const opens: boolean[] = [];
  const socket = new RunSocket({
    url: 'ws://host/ws/runs/1/',
    onFrame: (data) => frames.push(data),
    onOpen: (reconnected) => opens.push(reconnected),
    isFinal,
    createSocket: (url) => {
      const fake = new FakeSocket(url);
      sockets.push(fake);
      return fake;
    },
    timers,
  });
  const fireTimer = () => {
    const next = pending.shift();
    next?.callback();
    return next?.ms;
  };
  return { socket, sockets, pending, frames, opens, fireTimer };
}

describe('backoffDelay', () => {
  it('doubles from 0.5 s up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
});

describe('runSocketUrl', () => {
  it('follows the page scheme and host, and asks for batches', () => {
    expect(runSocketUrl('7', { protocol: 'https:', host: 'pw.example:8443' })).toBe('wss://pw.example:8443/ws/runs/7/?batch=1');
    expect(runSocketUrl('7', { protocol: 'http:', host: '127.0.0.1:8000' })).toBe('ws://127.0.0.1:8000/ws/runs/7/?batch=1');
  });
});

describe('RunSocket', () => {
  it('passes frames on and reconnects with growing delays', () => {
    const h = harness();
    h.socket.start();
    h.sockets[0]!.open();
    h.sockets[0]!.receive('{"type":"snapshot"}');
    expect(h.frames).toEqual(['{"type":"snapshot"}']);

    h.sockets[0]!.drop();
    expect(h.fireTimer()).toBe(500);
    h.sockets[1]!.drop(); // failed before opening
    expect(h.fireTimer()).toBe(1000);
    h.sockets[2]!.drop();
    expect(h.fireTimer()).toBe(2000);
    h.sockets[3]!.open();
    expect(h.opens).toEqual([false, true]);

    // a successful open resets the delay
    h.sockets[3]!.drop();
    expect(h.fireTimer()).toBe(500);
  });

  it('stays closed when the run is final and the server closed normally', () => {
    const h = harness(() => true);
    h.socket.start();
    h.sockets[0]!.open();
    h.sockets[0]!.drop(1000);
    expect(h.pending).toHaveLength(0);
  });

  it('reconnects after an abnormal close even when the run is final', () => {
    const h = harness(() => true);
    h.socket.start();
    h.sockets[0]!.drop(1006);
    expect(h.pending).toHaveLength(1);
  });

  it('gives up when the server refuses the socket', () => {
    const h = harness();
    h.socket.start();
    h.sockets[0]!.drop(4401);
    expect(h.pending).toHaveLength(0);
  });

  it('does nothing more once stopped', () => {
    const h = harness();
    h.socket.start();
    const first = h.sockets[0]!;
    h.socket.stop();
    expect(first.closed).toBe(true);
    first.drop();
    expect(h.pending).toHaveLength(0);
  });
});
