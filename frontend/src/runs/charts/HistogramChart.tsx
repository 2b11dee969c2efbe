/** A column's distribution as a tiny SVG histogram (bins from the artifact profile). */
import type { Histogram } from '../../api/artifacts';
import { formatTick, histogramRects } from './scales';

const WIDTH = 120;
const HEIGHT = 32;

export function HistogramChart({ histogram, label }: { histogram: Histogram; label: string }) {
  const rects = histogramRects(histogram.edges, histogram.counts, WIDTH, HEIGHT);
  const first = histogram.edges[0];
  const last = histogram.edges[histogram.edges.length - 1];
  return (
    <svg className="chart histogram" viewBox={`0 0 ${WIDTH} ${HEIGHT + 12}`} width={WIDTH} role="img" aria-label={label}>
      {rects.map((rect, index) => (
        <rect key={index} className="bar" {...rect}>
          <title>{`${formatTick(histogram.edges[index]!)}–${formatTick(histogram.edges[index + 1]!)}: ${histogram.counts[index]}`}</title>
        </rect>
      ))}
      {first !== undefined && (
        <text className="tick" x={0} y={HEIGHT + 10}>
          {formatTick(first)}
        </text>
      )}
      {last !== undefined && (
        <text className="tick" x={WIDTH} y={HEIGHT + 10} textAnchor="end">
          {formatTick(last)}
        </text>
      )}
    </svg>
  );
}
