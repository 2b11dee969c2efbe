/**
 * A websocket to /ws/runs/{id}/ that reconnects with backoff (0.5 s doubling to 5 s) until it is
 * stopped, the server refuses it (close code 44xx), or the run is final and the server closed the
 * socket normally. It only moves frames; what they mean is decided by the caller.
 *
 * The URL asks for batch mode (`?batch=1`): the events waiting for this viewer come as one frame
 * `{"type": "batch", "seq", "events": [...]}`, which costs the server far less than a frame each
 * when many watch; liveState's `parseStreamFrame` unfolds it.
 */

export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close: (code?: number, reason?: string) => void;
}

export interface Timers {
  set: (callback: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

export interface RunSocketOptions {
  url: string;
  onFrame: (data: unknown) => void;
  /** Called on every open; `reconnected` is true from the second one on. */
  onOpen?: (reconnected: boolean) => void;
  /** Whether the run has reached a final state (then a normal close is the end). */
  isFinal: () => boolean;
  createSocket?: (url: string) => SocketLike;
  timers?: Timers;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const NORMAL_CLOSURE = 1000;

/** 4400–4499: the server refused the socket (4401 signed out, 4404 no such run); retrying won't help. */
export function isRefusal(code: number): boolean {
  return code >= 4400 && code < 4500;
}

const browserTimers: Timers = {
  set: (callback, ms) => window.setTimeout(callback, ms),
  clear: (handle) => window.clearTimeout(handle as number),
};

export function runSocketUrl(runId: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws/runs/${encodeURIComponent(runId)}/?batch=1`;
}

/** The delay before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(attempt: number, minMs = 500, maxMs = 5000): number {
  return Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
}

export class RunSocket {
  private socket: SocketLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private opens = 0;
  private stopped = false;
  private readonly options: Required<Omit<RunSocketOptions, 'onOpen'>> & Pick<RunSocketOptions, 'onOpen'>;

  constructor(options: RunSocketOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url),
      timers: browserTimers,
      minDelayMs: 500,
      maxDelayMs: 5000,
      ...options,
    };
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onopen = null;
      socket.close(NORMAL_CLOSURE);
    }
  }

  /** Skips the backoff wait, e.g. when the browser says it is back online. */
  retryNow(): void {
    if (this.stopped || this.timer === null) return;
    this.options.timers.clear(this.timer);
    this.attempt = 0;
    this.connect();
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  private connect(): void {
    this.timer = null;
    if (this.stopped) return;
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.opens += 1;
      this.options.onOpen?.(this.opens > 1);
    };
    socket.onmessage = (event) => this.options.onFrame(event.data);
    // A failed connection also fires close; reconnecting is decided there.
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === NORMAL_CLOSURE && this.options.isFinal()) return;
      if (isRefusal(event.code)) return;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.options.minDelayMs, this.options.maxDelayMs);
    this.attempt += 1;
    this.timer = this.options.timers.set(() => this.connect(), delay);
  }
}
