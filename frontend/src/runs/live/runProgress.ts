/** How far a run has got, counted from its node states. Pure. */
import type { NodeStatus } from '../../api/models';

const DONE: readonly NodeStatus[] = ['completed', 'reused', 'failed', 'skipped', 'canceled'];

export function isNodeDone(status: NodeStatus): boolean {
  return DONE.includes(status);
}

export interface RunProgressCounts {
  done: number;
  total: number;
  failed: number;
}

export function runProgress(nodes: Readonly<Record<string, { status: NodeStatus } | undefined>>): RunProgressCounts {
  let done = 0;
  let total = 0;
  let failed = 0;
  for (const node of Object.values(nodes)) {
    if (!node) continue;
    total += 1;
    if (isNodeDone(node.status)) done += 1;
    if (node.status === 'failed') failed += 1;
  }
  return { done, total, failed };
}

const counted = new WeakMap<object, RunProgressCounts>();

/**
 * `runProgress`, counted once per nodes object: the live store replaces it only when a node
 * changes, so a selector may call this on every message (a log flood) at no cost.
 */
export function runProgressOf(nodes: Readonly<Record<string, { status: NodeStatus } | undefined>>): RunProgressCounts {
  let counts = counted.get(nodes);
  if (!counts) {
    counts = runProgress(nodes);
    counted.set(nodes, counts);
  }
  return counts;
}
