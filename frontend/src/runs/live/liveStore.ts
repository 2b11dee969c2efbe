/**
 * The live status of a run on screen. Written only by the realtime handlers in liveState.ts
 * (through `receive` and `beginResync`); components read small slices of it,
 * so one node's event re-renders that node only.
 *
 * `useRunLive` is the run view's store. `createLiveStore` makes others, e.g. the designer's
 * overlay, so a run watched from the designer never mixes with the one in the run view.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { NodeRun, NodeStatus, Progress, RunStreamMessage } from '../../api/models';
import { beginResync, initialLiveState, receiveMessage, type LiveRunState } from './liveState';
import type { LiveLogLine } from './liveState';

export interface LiveStore extends LiveRunState {
  /** Starts over for another run (or none). */
  reset: (runId: string | null) => void;
  /** Applies a message; returns true when the run must be refetched (a gap). */
  receive: (message: RunStreamMessage) => boolean;
  beginResync: () => void;
}

export type LiveStoreHook = UseBoundStore<StoreApi<LiveStore>>;

function stateOf(store: LiveStore): LiveRunState {
  const { runId, status, startedAt, finishedAt, nodes, logs, logsFrom, lastSeq, resyncing, held } = store;
  return { runId, status, startedAt, finishedAt, nodes, logs, logsFrom, lastSeq, resyncing, held };
}

export function createLiveStore(): LiveStoreHook {
  return create<LiveStore>()((set, get) => ({
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
}

export const useRunLive = createLiveStore();

const NO_LINES: readonly LiveLogLine[] = [];

export const useLiveNode = (nodeId: string): NodeRun | undefined => useRunLive((s) => s.nodes[nodeId]);
export const useLiveNodeStatus = (nodeId: string): NodeStatus =>
  useRunLive((s) => s.nodes[nodeId]?.status ?? 'pending');
export const useLiveNodeProgress = (nodeId: string): Progress | null =>
  useRunLive((s) => s.nodes[nodeId]?.progress ?? null);
export const useLiveLogs = (nodeId: string): readonly LiveLogLine[] => useRunLive((s) => s.logs[nodeId] ?? NO_LINES);
