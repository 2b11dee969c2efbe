/**
 * The live status of the run on screen. Written only by the realtime handlers in liveState.ts
 * (through `receive` and `beginResync`); components read small slices of it, so one node's event
 * re-renders that node only.
 */
import { create } from 'zustand';
import type { LogLine, NodeRun, NodeStatus, Progress, RunStreamMessage } from '../../api/types';
import { beginResync, initialLiveState, receiveMessage, type LiveRunState } from './liveState';

interface LiveStore extends LiveRunState {
  /** Starts over for another run. */
  reset: (runId: string) => void;
  /** Applies a message; returns true when the run must be refetched (a gap). */
  receive: (message: RunStreamMessage) => boolean;
  beginResync: () => void;
}

function stateOf(store: LiveStore): LiveRunState {
  const { runId, status, startedAt, finishedAt, nodes, logs, lastSeq, resyncing, held } = store;
  return { runId, status, startedAt, finishedAt, nodes, logs, lastSeq, resyncing, held };
}

export const useRunLive = create<LiveStore>()((set, get) => ({
  ...initialLiveState(),
  reset: (runId) => set(initialLiveState(runId)),
  receive: (message) => {
    const before = stateOf(get());
    const { state, refetch } = receiveMessage(before, message);
    if (state !== before) set(state);
    return refetch;
  },
  beginResync: () => {
    const before = stateOf(get());
    const state = beginResync(before);
    if (state !== before) set(state);
  },
}));

const NO_LINES: readonly LogLine[] = [];

export const useLiveNode = (nodeId: string): NodeRun | undefined => useRunLive((s) => s.nodes[nodeId]);
export const useLiveNodeStatus = (nodeId: string): NodeStatus =>
  useRunLive((s) => s.nodes[nodeId]?.status ?? 'pending');
export const useLiveNodeProgress = (nodeId: string): Progress | null =>
  useRunLive((s) => s.nodes[nodeId]?.progress ?? null);
export const useLiveLogs = (nodeId: string): readonly LogLine[] => useRunLive((s) => s.logs[nodeId] ?? NO_LINES);
