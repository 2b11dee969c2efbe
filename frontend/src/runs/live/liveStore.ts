/**
 * The live status of a run on screen. Written only by the realtime handlers in liveState.ts
 * (through `receive` and `beginResync`); components read small slices of it.
 *
 * A node reads its own slice through `useLiveNodeSlice`, which listens to that node alone
 * (`subscribeNode`): a message about one node wakes one node's listeners, not a thousand, so a
 * big run stays fluid while events stream. Everything else subscribes to the whole store as
 * zustand does (the header, the open node's log). The messages of one socket frame (a batch of
 * events) enter together (`receiveAll`): one store update, each node they change woken once.
 *
 * `useRunLive` is the run view's store. `createLiveStore` makes others, e.g. the designer's
 * overlay, so a run watched from the designer never mixes with the one in the run view.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { NodeRun, NodeStatus, Progress, RunStreamMessage } from '../../api/models';
import { beginResync, initialLiveState, receiveMessages, type LiveRunState } from './liveState';
import type { LiveLogLine } from './liveState';

export interface LiveStore extends LiveRunState {
  /** Starts over for another run (or none). */
  reset: (runId: string | null) => void;
  /** Applies a message; returns true when the run must be refetched (a gap). */
  receive: (message: RunStreamMessage) => boolean;
  /** Applies messages in order as one update (one notification); true when any asks for a refetch. */
  receiveAll: (messages: readonly RunStreamMessage[]) => boolean;
  beginResync: () => void;
}

type Nodes = LiveRunState['nodes'];

export type LiveStoreHook = UseBoundStore<StoreApi<LiveStore>> & {
  /** Calls `listener` whenever node `nodeId`'s state changes, and only then. */
  subscribeNode: (nodeId: string, listener: () => void) => () => void;
};

function stateOf(store: LiveStore): LiveRunState {
  const { runId, status, startedAt, finishedAt, nodes, logs, logsFrom, lastSeq, resyncing, held } = store;
  return { runId, status, startedAt, finishedAt, nodes, logs, logsFrom, lastSeq, resyncing, held };
}

/** The nodes these messages can change; null when one is a snapshot, which may change any. */
function nodesOf(messages: readonly RunStreamMessage[]): Set<string> | null {
  const nodes = new Set<string>();
  for (const message of messages) {
    if (message.type === 'snapshot') return null;
    if ('node' in message) nodes.add(message.node);
  }
  return nodes;
}

export function createLiveStore(): LiveStoreHook {
  const listeners = new Map<string, Set<() => void>>();
  const wake = (nodeId: string) => listeners.get(nodeId)?.forEach((listener) => listener());
  /** Wakes, once each, the listeners of the nodes that changed: among `only` when events name them. */
  const changed = (before: Nodes, after: Nodes, only: ReadonlySet<string> | null) => {
    if (before === after) return;
    const candidates = only ?? [...listeners.keys()];
    for (const nodeId of candidates) if (before[nodeId] !== after[nodeId]) wake(nodeId);
  };

  const store = create<LiveStore>()((set, get) => ({
    ...initialLiveState(),
    reset: (runId) => {
      const before = get().nodes;
      set(initialLiveState(runId));
      changed(before, get().nodes, null);
    },
    receive: (message) => get().receiveAll([message]),
    receiveAll: (messages) => {
      const before = stateOf(get());
      const { state, refetch } = receiveMessages(before, messages);
      if (state !== before) {
        set(state);
        changed(before.nodes, state.nodes, nodesOf(messages));
      }
      return refetch;
    },
    beginResync: () => {
      const before = stateOf(get());
      const state = beginResync(before);
      if (state !== before) {
        set(state);
        changed(before.nodes, state.nodes, null);
      }
    },
  }));
  const subscribeNode = (nodeId: string, listener: () => void) => {
    const own = listeners.get(nodeId) ?? new Set();
    own.add(listener);
    listeners.set(nodeId, own);
    return () => {
      own.delete(listener);
      if (own.size === 0) listeners.delete(nodeId);
    };
  };
  return Object.assign(store, { subscribeNode });
}

/**
 * A slice of one node's live state, read through that node's own subscription. `pick` must
 * return a value that stays the same (===) while the node does not change: a field, not a copy.
 */
export function useLiveNodeSlice<T>(store: LiveStoreHook, nodeId: string, pick: (node: NodeRun | undefined) => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribeNode(nodeId, listener), [store, nodeId]);
  return useSyncExternalStore(subscribe, () => pick(store.getState().nodes[nodeId]));
}

export const useRunLive = createLiveStore();

const NO_LINES: readonly LiveLogLine[] = [];
const whole = (node: NodeRun | undefined) => node;
const statusOf = (node: NodeRun | undefined): NodeStatus => node?.status ?? 'pending';
const progressOf = (node: NodeRun | undefined): Progress | null => node?.progress ?? null;

export const useLiveNode = (nodeId: string): NodeRun | undefined => useLiveNodeSlice(useRunLive, nodeId, whole);
export const useLiveNodeStatus = (nodeId: string): NodeStatus => useLiveNodeSlice(useRunLive, nodeId, statusOf);
export const useLiveNodeProgress = (nodeId: string): Progress | null => useLiveNodeSlice(useRunLive, nodeId, progressOf);
export const useLiveLogs = (nodeId: string): readonly LiveLogLine[] => useRunLive((s) => s.logs[nodeId] ?? NO_LINES);
