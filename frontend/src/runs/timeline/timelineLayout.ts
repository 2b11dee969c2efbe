/**
 * The rows and time axis of the run timeline (Gantt), from the graph and node timings. Pure.
 */
import type { NodeRun, NodeStatus, PipelineGraph } from '../../api/models';
import type { Timings } from './criticalPath';

export interface TimelineRow {
  node: string;
  status: NodeStatus;
  /** Ms from the timeline's origin; null when the node has not started (or was reused). */
  start: number | null;
  end: number | null;
  open: boolean;
}

export interface TimelineLayout {
  /** Epoch ms of the axis's zero: the run's start, or its first node's. */
  origin: number;
  /** Ms the axis covers (at least one second). */
  span: number;
  rows: TimelineRow[];
}

/**
 * One row per graph node: started nodes by start time, then the others in graph order. The axis
 * spans from the earliest of the run start and node starts to the latest end.
 */
export function timelineLayout(
  graph: PipelineGraph,
  nodes: Readonly<Record<string, NodeRun | undefined>>,
  timings: Timings,
  runStart: number | null,
): TimelineLayout {
  const spans = Object.values(timings).filter((timing) => timing !== undefined);
  const starts = spans.map((timing) => timing.start);
  const origin = Math.min(runStart ?? Infinity, ...starts);
  const base = Number.isFinite(origin) ? origin : 0;
  const last = Math.max(base, ...spans.map((timing) => timing.end));
  const rows = graph.nodes.map((graphNode, index) => {
    const timing = timings[graphNode.id];
    return {
      index,
      row: {
        node: graphNode.id,
        status: nodes[graphNode.id]?.status ?? 'pending',
        start: timing ? timing.start - base : null,
        end: timing ? timing.end - base : null,
        open: timing?.open ?? false,
      } satisfies TimelineRow,
    };
  });
  rows.sort((a, b) => {
    const sa = a.row.start ?? Infinity;
    const sb = b.row.start ?? Infinity;
    return sa === sb ? a.index - b.index : sa - sb;
  });
  return { origin: base, span: Math.max(1000, last - base), rows: rows.map((entry) => entry.row) };
}
