/**
 * Node timings of a run and its critical path: the dependency chain whose node durations add up
 * to the most, i.e. what to shorten to finish sooner. Pure functions over the frozen graph.
 */
import type { NodeRun, PipelineGraph } from '../../api/models';

export interface Timing {
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** Still running: `end` is "now". */
  open: boolean;
}

export type Timings = Readonly<Record<string, Timing | undefined>>;

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** Start and end of every node that has started; a node still going ends at `now`. */
export function nodeTimings(nodes: Readonly<Record<string, NodeRun | undefined>>, now: number): Record<string, Timing> {
  const timings: Record<string, Timing> = {};
  for (const [id, node] of Object.entries(nodes)) {
    const start = parse(node?.started_at);
    if (!node || start === null) continue;
    const end = parse(node.finished_at);
    timings[id] = { start, end: Math.max(start, end ?? now), open: end === null };
  }
  return timings;
}

export interface CriticalPath {
  /** Node ids from the first step of the chain to the last. */
  nodes: string[];
  /** Sum of their durations, ms. */
  duration: number;
}

const durationOf = (timing: Timing | undefined) => (timing ? Math.max(0, timing.end - timing.start) : 0);

/**
 * The longest chain by summed duration (a node without timing weighs 0, and is left off the head
 * of the chain). Ties go to the chain met first in graph order. Nodes on a cycle, which a valid graph has none of, are left out.
 */
export function criticalPath(graph: PipelineGraph, timings: Timings): CriticalPath {
  const ids = graph.nodes.map((node) => node.id);
  const known = new Set(ids);
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  const children = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of graph.edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    if (parents.get(edge.target)!.includes(edge.source)) continue;
    parents.get(edge.target)!.push(edge.source);
    children.get(edge.source)!.push(edge.target);
  }

  // Kahn's order, keeping graph order among ready nodes so ties resolve the same way each time.
  const waiting = new Map(ids.map((id) => [id, parents.get(id)!.length]));
  const ready = ids.filter((id) => waiting.get(id) === 0);
  const best = new Map<string, { total: number; via: string | null }>();
  while (ready.length > 0) {
    const id = ready.shift()!;
    let via: string | null = null;
    let upstream = 0;
    for (const parent of parents.get(id)!) {
      const total = best.get(parent)?.total ?? 0;
      if (via === null || total > upstream) {
        via = parent;
        upstream = total;
      }
    }
    best.set(id, { total: upstream + durationOf(timings[id]), via });
    for (const child of children.get(id)!) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }

  let end: string | null = null;
  let duration = 0;
  for (const id of ids) {
    const total = best.get(id)?.total;
    if (total !== undefined && total > duration) {
      end = id;
      duration = total;
    }
  }
  const nodes: string[] = [];
  for (let id = end; id !== null; id = best.get(id)!.via) nodes.unshift(id);
  // Steps that took no time (reused, not run) at the head of the chain lengthen nothing.
  while (nodes.length > 1 && durationOf(timings[nodes[0]!]) === 0) nodes.shift();
  return { nodes, duration };
}
