/**
 * Live state of one run, and the realtime handlers that change it: one pure function per message
 * type, plus the ordering rules of the stream (DESIGN.md "Live run stream").
 *
 * Ordering: every message carries the run's `seq`. A snapshot replaces the state. An event with
 * seq <= the last applied one is a duplicate and is ignored; seq = last + 1 is applied; a larger
 * seq means events were lost, so the event is held back, the state is marked as resyncing and
 * the caller is asked to refetch the run. The next snapshot (REST or socket) resets the state and
 * replays the held-back events that are newer than it. Nothing here does I/O.
 *
 * A batch frame (`{"type": "batch", "seq", "events"}`, sent to sockets opened with `?batch=1`)
 * is only a way to carry several events in one frame: it is unfolded into its events, which
 * then follow exactly the rules above, in the order they came.
 */
import type { LogEventMessage, LogLine, MetricEventMessage, NodeEventMessage, NodeRun, ProgressEventMessage, Run, RunEventMessage, RunStatus, RunStreamEvent, RunStreamMessage } from '../../api/models';

/** A log line as the live stream gives it; a line fetched over REST also has its time. */
export type LiveLogLine = Omit<LogLine, 'time'> & Partial<Pick<LogLine, 'time'>>;

export interface LiveRunState {
  runId: string | null;
  status: RunStatus | null;
  startedAt: string | null;
  finishedAt: string | null;
  nodes: Readonly<Record<string, NodeRun>>;
  /** Log lines received live, per node, ordered and unique by seq. */
  logs: Readonly<Record<string, readonly LiveLogLine[]>>;
  /**
   * Live log lines are complete only after this seq: it is the seq of the last snapshot that
   * skipped over events (snapshots carry no log lines). Lines up to it must come over REST,
   * fetched after it was set; -1 before the first snapshot.
   */
  logsFrom: number;
  /** Seq of the last applied message; -1 before the first snapshot. */
  lastSeq: number;
  /** Waiting for a snapshot after a gap or a reconnect; events are held back meanwhile. */
  resyncing: boolean;
  held: readonly RunStreamEvent[];
}

export interface ReceiveResult {
  state: LiveRunState;
  /** True when the caller must fetch GET /api/runs/{id}/ and feed it back as a snapshot. */
  refetch: boolean;
}

/** Enough to cover a burst while a refetch is in flight; past it, the oldest are dropped. */
export const MAX_HELD_EVENTS = 2000;
/** Live log lines kept per node; the full log stays available over REST. */
export const MAX_LIVE_LOG_LINES = 5000;

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'canceled'];

export function isFinalRunStatus(status: RunStatus | null | undefined): boolean {
  return status != null && FINAL_RUN_STATUSES.includes(status);
}

export function initialLiveState(runId: string | null = null): LiveRunState {
  return {
    runId,
    status: null,
    startedAt: null,
    finishedAt: null,
    nodes: {},
    logs: {},
    logsFrom: -1,
    lastSeq: -1,
    resyncing: false,
    held: [],
  };
}

function blankNode(node: string): NodeRun {
  return {
    node,
    status: 'pending',
    attempts: 0,
    started_at: null,
    finished_at: null,
    reused: false,
    outputs: {},
    metrics: {},
    progress: null,
    error: null,
    traceback: null,
    reuse: null,
    source: null,
    component: '',
    compute: '',
    params: {},
    max_retries: 0,
    reused_from: null,
    from_run: 0, // not known until the snapshot names the run it shows
  };
}

function updateNode(state: LiveRunState, nodeId: string, update: (node: NodeRun) => NodeRun): LiveRunState {
  const current = state.nodes[nodeId] ?? blankNode(nodeId);
  return { ...state, nodes: { ...state.nodes, [nodeId]: update(current) } };
}

/** Inserts a line keeping the list ordered and unique by seq. */
export function addLogLine(lines: readonly LiveLogLine[], line: LiveLogLine, max = MAX_LIVE_LOG_LINES): readonly LiveLogLine[] {
  const last = lines[lines.length - 1];
  let next: LiveLogLine[];
  if (!last || last.seq < line.seq) {
    next = [...lines, line];
  } else {
    if (lines.some((existing) => existing.seq === line.seq)) return lines;
    next = [...lines, line].sort((a, b) => a.seq - b.seq);
  }
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Lines fetched over REST plus lines received live, ordered and unique by seq. */
export function mergeLogLines(fetched: readonly LiveLogLine[], live: readonly LiveLogLine[]): LiveLogLine[] {
  const bySeq = new Map<number, LiveLogLine>();
  for (const line of fetched) bySeq.set(line.seq, line);
  for (const line of live) if (!bySeq.has(line.seq)) bySeq.set(line.seq, line);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

// ---------------------------------------------------------------------------------------------
// One handler per event type

/**
 * A node event carries the node's whole state, with why it was or was not reused (`reuse`), so
 * the node is redrawn from the event alone; nothing is fetched. Only the static fields (component,
 * compute, params, max_retries) and the metrics and progress, which have their own events, stay;
 * except that a node becoming reused brings its origin's metrics, and names that run (`from_run`).
 */
export function handleNodeEvent(state: LiveRunState, event: NodeEventMessage): LiveRunState {
  return updateNode(state, event.node, (node) => ({
    ...node,
    status: event.status,
    attempts: event.attempts,
    started_at: event.started_at,
    finished_at: event.finished_at,
    reused: event.reused,
    outputs: event.outputs,
    error: event.error,
    reuse: event.reuse,
    reused_from: event.reuse?.from ?? null,
    traceback: event.traceback,
    source: event.source,
    from_run: event.from_run,
    ...(event.metrics ? { metrics: event.metrics } : {}),
  }));
}

export function handleLogEvent(state: LiveRunState, event: LogEventMessage): LiveRunState {
  const line: LiveLogLine = { seq: event.seq, stream: event.stream, line: event.line };
  const lines = state.logs[event.node] ?? [];
  const next = addLogLine(lines, line);
  return next === lines ? state : { ...state, logs: { ...state.logs, [event.node]: next } };
}

export function handleMetricEvent(state: LiveRunState, event: MetricEventMessage): LiveRunState {
  return updateNode(state, event.node, (node) => ({ ...node, metrics: { ...node.metrics, [event.name]: event.value } }));
}

export function handleProgressEvent(state: LiveRunState, event: ProgressEventMessage): LiveRunState {
  const { current, total, label } = event;
  return updateNode(state, event.node, (node) => ({ ...node, progress: label ? { current, total, label } : { current, total } }));
}

export function handleRunEvent(state: LiveRunState, event: RunEventMessage): LiveRunState {
  return {
    ...state,
    status: event.status,
    startedAt: event.started_at !== undefined ? event.started_at : state.startedAt,
    finishedAt: event.finished_at !== undefined ? event.finished_at : state.finishedAt,
  };
}

type EventHandlers = {
  [K in RunStreamEvent['type']]: (state: LiveRunState, event: Extract<RunStreamEvent, { type: K }>) => LiveRunState;
};

export const eventHandlers: EventHandlers = {
  node: handleNodeEvent,
  log: handleLogEvent,
  metric: handleMetricEvent,
  progress: handleProgressEvent,
  run: handleRunEvent,
};

function applyEvent(state: LiveRunState, event: RunStreamEvent): LiveRunState {
  const handler = eventHandlers[event.type] as (state: LiveRunState, event: RunStreamEvent) => LiveRunState;
  return { ...handler(state, event), lastSeq: event.seq };
}

// ---------------------------------------------------------------------------------------------
// Snapshots and ordering

function holdBack(held: readonly RunStreamEvent[], event: RunStreamEvent): readonly RunStreamEvent[] {
  const next = [...held, event];
  return next.length > MAX_HELD_EVENTS ? next.slice(next.length - MAX_HELD_EVENTS) : next;
}

function receiveEvent(state: LiveRunState, event: RunStreamEvent): ReceiveResult {
  if (state.lastSeq < 0 || state.resyncing) {
    // No base to apply it to yet: keep it for the snapshot that is on its way.
    return { state: { ...state, held: holdBack(state.held, event) }, refetch: false };
  }
  if (event.seq <= state.lastSeq) return { state, refetch: false };
  if (event.seq > state.lastSeq + 1) {
    return { state: { ...state, resyncing: true, held: holdBack(state.held, event) }, refetch: true };
  }
  return { state: applyEvent(state, event), refetch: false };
}

export function handleSnapshot(state: LiveRunState, run: Run, seq: number): ReceiveResult {
  const nodes: Record<string, NodeRun> = {};
  for (const node of run.nodes ?? []) nodes[node.node] = { ...blankNode(node.node), ...node };
  let next: LiveRunState = {
    ...state,
    status: run.status,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    nodes,
    // The same seq again (the REST copy of what is shown) skips nothing.
    logsFrom: seq === state.lastSeq && !state.resyncing ? state.logsFrom : seq,
    lastSeq: seq,
    resyncing: false,
    held: [],
  };
  // Replay what arrived while waiting, in order; a remaining hole asks for another refetch.
  const replay = [...state.held].filter((event) => event.seq > seq).sort((a, b) => a.seq - b.seq);
  let refetch = false;
  for (const event of replay) {
    const result = receiveEvent(next, event);
    next = result.state;
    refetch ||= result.refetch;
  }
  return { state: next, refetch };
}

/**
 * Takes any message of the stream. A snapshot from the socket or from REST applies when it is not
 * older than what is shown (or when a resync is pending); events follow the seq rules above.
 */
export function receiveMessage(state: LiveRunState, message: RunStreamMessage): ReceiveResult {
  if (message.type === 'snapshot') {
    const fresh = state.lastSeq < 0 || state.resyncing || message.seq >= state.lastSeq;
    return fresh ? handleSnapshot(state, message.run, message.seq) : { state, refetch: false };
  }
  if (!(message.type in eventHandlers)) return { state, refetch: false };
  return receiveEvent(state, message);
}

/** Takes the messages of one frame in order, as if each had come alone; refetch if any asks. */
export function receiveMessages(state: LiveRunState, messages: readonly RunStreamMessage[]): ReceiveResult {
  let refetch = false;
  for (const message of messages) {
    const result = receiveMessage(state, message);
    state = result.state;
    refetch ||= result.refetch;
  }
  return { state, refetch };
}

/** After a reconnect: hold events back until the next snapshot arrives. */
export function beginResync(state: LiveRunState): LiveRunState {
  return state.lastSeq < 0 ? state : { ...state, resyncing: true };
}

/**
 * The messages one websocket frame carries, in order: a batch's events (each checked as if it
 * had come alone, and left out when it is not a stream message), or the frame's one message;
 * none for anything else.
 */
export function parseStreamFrame(data: unknown): RunStreamMessage[] {
  if (typeof data !== 'string') return [];
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return [];
  }
  const record = value as Record<string, unknown> | null;
  if (typeof record === 'object' && record !== null && record.type === 'batch') {
    if (!Array.isArray(record.events)) return [];
    return record.events.map(streamMessage).filter((message): message is RunStreamMessage => message !== null);
  }
  const message = streamMessage(value);
  return message ? [message] : [];
}

function streamMessage(value: unknown): RunStreamMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.type !== 'string' || typeof record.seq !== 'number') return null;
  if (record.type === 'snapshot') return typeof record.run === 'object' && record.run !== null ? (value as RunStreamMessage) : null;
  return record.type in eventHandlers ? (value as RunStreamMessage) : null;
}
