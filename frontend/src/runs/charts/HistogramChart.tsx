/**
 * Histograms drawn by visx from bin edges and counts: a full chart (axes, several series side by
 * side per bin, hover values, export, data table) and a tiny one for a table cell.
 */
import { Axis, BarGroup, BarSeries, Grid, Tooltip, XYChart } from '@visx/xychart';
import { useEffect, useMemo, useRef } from 'react';
import { formatTick, niceDomain, niceTicks } from './axis';
import { ChartFigure } from './ChartFigure';
import { chartTheme, seriesColor } from './theme';
import { useWidth } from './useWidth';

export interface HistogramSeries {
  key: string;
  label: string;
  counts: readonly number[];
}

interface Bin {
  bin: string;
  from: number;
  to: number;
  count: number;
}

/** One datum per bin, labelled by its range; edges has one more entry than counts. */
export function histogramBins(edges: readonly number[], counts: readonly number[]): Bin[] {
  const bins = Math.min(counts.length, edges.length - 1);
  return Array.from({ length: Math.max(0, bins) }, (_, i) => ({
    bin: `${formatTick(edges[i]!)}–${formatTick(edges[i + 1]!)}`,
    from: edges[i]!,
    to: edges[i + 1]!,
    count: counts[i]!,
  }));
}

const binOf = (bin: Bin) => bin.bin;
const countOf = (bin: Bin) => bin.count;

function BinTooltip({ labels }: { labels: ReadonlyMap<string, string> }) {
  if (typeof ResizeObserver === 'undefined') return null;
  return (
    <Tooltip<Bin>
      snapTooltipToDatumX
      snapTooltipToDatumY
      renderTooltip={({ tooltipData }) => {
        const nearest = tooltipData?.nearestDatum;
        if (!nearest) return null;
        const label = labels.get(nearest.key);
        return (
          <div className="chart-tooltip">
            {label && labels.size > 1 && <strong>{label}</strong>}
            <div>{nearest.datum.bin}</div>
            <div>count: {nearest.datum.count}</div>
          </div>
        );
      }}
    />
  );
}

const MARGIN = { top: 10, right: 12, bottom: 40, left: 48 };

interface HistogramChartProps {
  title: string;
  edges: readonly number[];
  series: readonly HistogramSeries[];
  xLabel: string;
  height?: number;
  testId?: string;
}

export function HistogramChart({ title, edges, series, xLabel, height = 220, testId }: HistogramChartProps) {
  const { ref, width } = useWidth<HTMLDivElement>(420);
  const data = useMemo(() => series.map((one) => ({ ...one, bins: histogramBins(edges, one.counts) })), [edges, series]);
  const labels = new Map(series.map((one) => [one.key, one.label]));
  const first = data[0]?.bins ?? [];
  // Every few bins a tick, so the range labels do not overlap.
  const every = Math.max(1, Math.ceil(first.length / Math.max(1, Math.floor(width / 90))));
  const ticks = first.filter((_, index) => index % every === 0).map(binOf);
  const domain = niceDomain([0, ...series.flatMap((one) => one.counts)], 4, true);
  const countTicks = niceTicks(domain[0], domain[1], 4);
  const table = {
    columns: ['From', 'To', ...series.map((one) => one.label)],
    rows: first.map((bin, index) => [bin.from, bin.to, ...series.map((one) => one.counts[index] ?? null)]),
  };
  const bars = data.map((one, index) => (
    <BarSeries key={one.key} dataKey={one.key} data={one.bins} xAccessor={binOf} yAccessor={countOf} colorAccessor={() => seriesColor(index)} />
  ));
  return (
    <ChartFigure title={title} testId={testId} table={table}>
      {series.length > 1 && (
        <ul className="chart-legend">
          {series.map((one, index) => (
            <li key={one.key}>
              <span className="chart-swatch" style={{ background: seriesColor(index) }} aria-hidden="true" />
              {one.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={ref}>
        <XYChart
          width={width}
          height={height}
          margin={MARGIN}
          theme={chartTheme}
          accessibilityLabel={`${title}: counts per ${xLabel} bin`}
          xScale={{ type: 'band', paddingInner: 0.1 }}
          yScale={{ type: 'linear', domain, zero: true }}
        >
          <Grid columns={false} numTicks={countTicks.length} />
          <Axis orientation="bottom" label={xLabel} tickValues={ticks} />
          <Axis orientation="left" label="count" tickValues={countTicks} tickFormat={(value: number) => formatTick(value)} />
          {series.length > 1 ? <BarGroup padding={0.05}>{bars}</BarGroup> : bars}
          <BinTooltip labels={labels} />
        </XYChart>
      </div>
    </ChartFigure>
  );
}

/** A column's distribution in a table cell: bars only, hover a bar for its range and count. */
export function MiniHistogram({ edges, counts, label }: { edges: readonly number[]; counts: readonly number[]; label: string }) {
  const bins = histogramBins(edges, counts);
  const first = edges[0];
  const last = edges[edges.length - 1];
  const box = useRef<HTMLDivElement>(null);
  // The box is the one image a screen reader meets; the svg inside it is its drawing.
  useEffect(() => {
    box.current?.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  });
  return (
    <div ref={box} className="mini-histogram" role="img" aria-label={label}>
      <XYChart
        width={120}
        height={32}
        margin={{ top: 1, right: 0, bottom: 1, left: 0 }}
        theme={chartTheme}
        xScale={{ type: 'band', paddingInner: 0.08 }}
        yScale={{ type: 'linear', zero: true }}
      >
        <BarSeries dataKey="bins" data={bins} xAccessor={binOf} yAccessor={countOf} colorAccessor={() => '#7aa7ef'} />
        <BinTooltip labels={new Map()} />
      </XYChart>
      {first !== undefined && last !== undefined && (
        <div className="mini-histogram-range muted">
          <span>{formatTick(first)}</span>
          <span>{formatTick(last)}</span>
        </div>
      )}
    </div>
  );
}
