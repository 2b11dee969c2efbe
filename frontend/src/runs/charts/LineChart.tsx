/** A small SVG line chart of one series (a metric over steps), with round ticks on both axes. */
import { formatTick, linePath, linearScale, niceDomain, niceTicks, type Point } from './scales';

const WIDTH = 360;
const HEIGHT = 160;
const MARGIN = { top: 10, right: 12, bottom: 24, left: 44 };

export function LineChart({ points, label, testId }: { points: readonly Point[]; label: string; testId?: string }) {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xDomain = niceDomain(points.map((p) => p.x), 4);
  const yDomain = niceDomain(points.map((p) => p.y), 4);
  const x = linearScale(xDomain, [0, innerW]);
  const y = linearScale(yDomain, [innerH, 0]);
  const yTicks = niceTicks(yDomain[0], yDomain[1], 4);
  const xTicks = niceTicks(xDomain[0], xDomain[1], 4);

  return (
    <svg
      className="chart line-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {yTicks.map((tick) => (
          <g key={`y${tick}`} transform={`translate(0,${y(tick)})`}>
            <line className="grid" x2={innerW} />
            <text className="tick" x={-6} dy="0.32em" textAnchor="end">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text key={`x${tick}`} className="tick" x={x(tick)} y={innerH + 16} textAnchor="middle">
            {formatTick(tick)}
          </text>
        ))}
        <path className="series" d={linePath(points, x, y)} fill="none" />
        {points.map((point, index) => (
          <circle key={index} className="dot" cx={x(point.x)} cy={y(point.y)} r={2.5}>
            <title>{`${formatTick(point.x)}: ${point.y}`}</title>
          </circle>
        ))}
      </g>
    </svg>
  );
}
