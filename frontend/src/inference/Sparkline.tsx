/** A small SVG line chart of one or two series over the same buckets, with its largest value and time range. */
import { sparkline } from './statsSeries';

const WIDTH = 320;
const HEIGHT = 56;

export interface SparkSeries {
  label: string;
  values: readonly (number | null)[];
  className: string;
}

interface SparklineChartProps {
  title: string;
  series: readonly SparkSeries[];
  /** How the largest value reads ("12", "9.8 ms"). */
  formatMax: (value: number) => string;
  from: string;
  to: string;
  testId?: string;
}

export function SparklineChart({ title, series, formatMax, from, to, testId }: SparklineChartProps) {
  const max = Math.max(0, ...series.flatMap((item) => item.values.map((value) => value ?? 0)));
  return (
    <figure className="sparkline" data-testid={testId}>
      <figcaption>
        <span>{title}</span>
        <span className="sparkline-legend">
          {series.map((item) => (
            <span key={item.label} className={`legend-${item.className}`}>
              {item.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="sparkline-body">
        <span className="sparkline-max muted">{formatMax(max)}</span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={title}>
          <line className="sparkline-base" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
          {series.map((item) => {
            const line = sparkline(item.values, WIDTH, HEIGHT - 2, max);
            return (
              <g key={item.label} className={`spark-${item.className}`}>
                <path d={line.path} vectorEffect="non-scaling-stroke" />
                {line.dots.map((dot) => (
                  <circle key={`${dot.x}-${dot.y}`} cx={dot.x} cy={dot.y + 1} r={2} />
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      <div className="sparkline-axis muted">
        <span>{from}</span>
        <span>{to}</span>
      </div>
    </figure>
  );
}
