/** A small SVG bar chart: one bar per label (e.g. a metric's value in each compared run). */
import { bands, formatTick, linearScale, niceDomain, niceTicks } from './scales';

const HEIGHT = 170;
const MARGIN = { top: 10, right: 10, bottom: 28, left: 44 };
const BAR_SLOT = 70;

export interface Bar {
  label: string;
  value: number | null;
}

export function BarChart({ bars, label, testId }: { bars: readonly Bar[]; label: string; testId?: string }) {
  const width = MARGIN.left + MARGIN.right + Math.max(2, bars.length) * BAR_SLOT;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = bars.flatMap((bar) => (bar.value == null ? [] : [bar.value]));
  const domain = niceDomain(values, 4, true);
  const y = linearScale(domain, [innerH, 0]);
  const zero = y(Math.min(Math.max(0, domain[0]), domain[1]));
  const slots = bands(bars.length, innerW, 0.3);

  return (
    <svg className="chart bar-chart" viewBox={`0 0 ${width} ${HEIGHT}`} width={width} role="img" aria-label={label} data-testid={testId}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {niceTicks(domain[0], domain[1], 4).map((tick) => (
          <g key={tick} transform={`translate(0,${y(tick)})`}>
            <line className="grid" x2={innerW} />
            <text className="tick" x={-6} dy="0.32em" textAnchor="end">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const slot = slots[index]!;
          const top = bar.value == null ? zero : y(bar.value);
          return (
            <g key={bar.label}>
              <rect
                className={`bar bar-${index % 6}`}
                x={slot.x}
                y={Math.min(top, zero)}
                width={slot.width}
                height={Math.abs(zero - top)}
              >
                <title>{`${bar.label}: ${bar.value ?? 'no value'}`}</title>
              </rect>
              <text className="tick" x={slot.x + slot.width / 2} y={innerH + 16} textAnchor="middle">
                {bar.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
