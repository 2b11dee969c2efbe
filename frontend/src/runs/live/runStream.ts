/**
 * Keeps the live store of one run in step with the server: frames from the run socket go to the
 * realtime handlers, all the messages of one frame (a batch of events) at once; when they report
 * a gap, or the socket reconnects, the run is refetched over REST and fed back as a snapshot.
 * Events carry everything a viewer shows (a node event brings its reuse info and traceback), so
 * nothing else is fetched. Framework-free so it can be tested with fakes.
 */
import type { Run, RunStatus, RunStreamMessage } from '../../api/models';
import { isFinalRunStatus, parseStreamFrame } from './liveState';
import { RunSocket, type RunSocketOptions } from './runSocket';

export interface LiveSink {
  /** Applies the messages of one frame in order; true when the run must be refetched (a gap). */
  receive: (messages: readonly RunStreamMessage[]) => boolean;
  beginResync: () => void;
  status: () => RunStatus | null;
  resyncing: () => boolean;
}

export interface RunStreamOptions {
  url: string;
  sink: LiveSink;
  fetchRun: () => Promise<Run>;
  /** Called after a resync, e.g. to refresh the open node's logs that may have missed lines. */
  onResynced?: () => void;
  socket?: Pick<RunSocketOptions, 'createSocket' | 'timers' | 'minDelayMs' | 'maxDelayMs'>;
  /** Least time between two refetches (also the retry delay after a failed one). */
  minRefetchGapMs?: number;
}

export class RunStream {
  private readonly socket: RunSocket;
  private fetching = false;
  private fetchAgain = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFetchAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RunStreamOptions) {
    this.socket = new RunSocket({
      url: options.url,
      onFrame: (data) => {
        const messages = parseStreamFrame(data);
        if (messages.length > 0) this.deliver(messages);
      },
      onOpen: (reconnected) => {
        if (!reconnected) return;
        options.sink.beginResync();
        this.requestRefetch();
      },
      isFinal: () => isFinalRunStatus(options.sink.status()),
      ...options.socket,
    });
  }

  start(): void {
    this.stopped = false;
    this.socket.start();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket.stop();
  }

  /** The browser is back online: reconnect now rather than after the backoff delay. */
  retryNow(): void {
    this.socket.retryNow();
  }

  /** A run fetched over REST (first load or refetch) enters as a snapshot at its seq. */
  deliverRun(run: Run): void {
    this.deliver([{ type: 'snapshot', seq: run.seq, run }]);
  }

  deliver(messages: readonly RunStreamMessage[]): void {
    if (this.stopped) return;
    if (this.options.sink.receive(messages)) this.requestRefetch();
  }

  /**
   * Refetches now, or once the one in flight is done; never more often than once per
   * `minRefetchGapMs`, so a server whose seq does not add up cannot make this loop.
   */
  requestRefetch(): void {
    if (this.stopped) return;
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    const wait = this.lastFetchAt + (this.options.minRefetchGapMs ?? 1000) - Date.now();
    if (wait <= 0) {
      void this.refetch();
    } else if (this.retryTimer === null) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.refetch();
      }, wait);
    }
  }

  private async refetch(): Promise<void> {
    this.fetching = true;
    this.lastFetchAt = Date.now();
    let failed = false;
    try {
      const run = await this.options.fetchRun();
      if (this.stopped) return;
      this.deliverRun(run);
      this.options.onResynced?.();
    } catch {
      failed = true;
    } finally {
      this.fetching = false;
      const again = this.fetchAgain || (failed && this.options.sink.resyncing());
      this.fetchAgain = false;
      if (again) this.requestRefetch();
    }
  }
}
