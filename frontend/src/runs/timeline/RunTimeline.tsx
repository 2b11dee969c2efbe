/**
 * The run as a Gantt chart: one bar per node from start to finish on a shared time axis, the
 * critical path highlighted. Reads the live store; ticks while something is still running.
 */
import { useMemo } from 'react';
import type { PipelineGraph } from '../../api/models';
import { formatTick, linearScale, niceTicks } from '../charts/axis';
import { useNow } from '../live/clock';
import { useRunLive } from '../live/liveStore';
import { criticalPath, nodeTimings } from './criticalPath';
import { timelineLayout } from './timelineLayout';

const ROW = 26;
const LABEL = 170;
const WIDTH = 960;
const AXIS = 24;

function secondsLabel(ms: number): string {
  return `${formatTick(ms / 1000)}s`;
}

interface RunTimelineProps {
  graph: PipelineGraph;
  onSelectNode: (nodeId: string) => void;
}

export function RunTimeline({ graph, onSelectNode }: RunTimelineProps) {
  const nodes = useRunLive((s) => s.nodes);
  const runStartIso = useRunLive((s) => s.startedAt);
  const anyRunning = Object.values(nodes).some((node) => node.status === 'running');
  const now = useNow(anyRunning);
  const timings = useMemo(() => nodeTimings(nodes, now), [nodes, now]);
  const critical = useMemo(() => criticalPath(graph, timings), [graph, timings]);
  const onPath = useMemo(() => new Set(critical.nodes), [critical]);
  const runStart = runStartIso ? new Date(runStartIso).getTime() : null;
  const layout = timelineLayout(graph, nodes, timings, Number.isNaN(runStart) ? null : runStart);

  const x = linearScale([0, layout.span], [LABEL, WIDTH - 12]);
  const ticks = niceTicks(0, layout.span / 1000, 6).filter((tick) => tick * 1000 <= layout.span);
  const height = AXIS + layout.rows.length * ROW + 8;

  return (
    <div className="run-timeline" data-testid="run-timeline">
      <p className="muted timeline-summary" data-testid="critical-path">
        {critical.nodes.length > 0
          ? `Critical path: ${critical.nodes.join(' → ')} (${secondsLabel(critical.duration)})`
          : 'No node has run yet.'}
      </p>
      <svg className="chart gantt" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label="Run timeline">
        {ticks.map((tick) => (
          <g key={tick} transform={`translate(${x(tick * 1000)},0)`}>
            <line className="grid" y1={AXIS - 4} y2={height} />
            <text className="tick" y={AXIS - 8} textAnchor="middle">
              {`${formatTick(tick)}s`}
            </text>
          </g>
        ))}
        {layout.rows.map((row, index) => {
          const y = AXIS + index * ROW;
          const isCritical = onPath.has(row.node);
          return (
            <g
              key={row.node}
              className={`gantt-row status-${row.status}${isCritical ? ' critical' : ''}`}
              data-testid={`gantt-${row.node}`}
              data-critical={isCritical ? 'true' : undefined}
              onClick={() => onSelectNode(row.node)}
            >
              <text className="gantt-label" x={8} y={y + ROW / 2} dy="0.32em">
                {row.node}
              </text>
              {row.start !== null && row.end !== null ? (
                <rect
                  className="gantt-bar"
                  x={x(row.start)}
                  y={y + 5}
                  width={Math.max(2, x(row.end) - x(row.start))}
                  height={ROW - 10}
                  rx={3}
                >
                  <title>{`${row.node}: ${row.status}, ${secondsLabel(row.end - row.start)}`}</title>
                </rect>
              ) : (
                <text className="tick gantt-note" x={LABEL} y={y + ROW / 2} dy="0.32em">
                  {row.status}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
