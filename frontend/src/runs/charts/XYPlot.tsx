/**
 * A line or scatter chart of one or more series on numeric axes, drawn by visx: hover a point for
 * its values, drag a rectangle to zoom (Reset zoom to go back), save it as PNG or SVG, open its
 * data as a table. Lines and points outside a zoomed view are clipped.
 */
import { Axis, GlyphSeries, Grid, LineSeries, Tooltip, XYChart } from '@visx/xychart';
import { useId, useMemo, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { extent, formatTick, paddedDomain, zoomedDomain, type Point } from './axis';
import { ChartFigure, type DataTable } from './ChartFigure';
import { chartTheme, REFERENCE_COLOR, seriesColor } from './theme';
import { useWidth } from './useWidth';

export interface PlotPoint extends Point {
  /** Extra words for the hover label, e.g. "threshold 0.42". */
  note?: string;
}

export interface PlotSeries {
  key: string;
  label: string;
  points: readonly PlotPoint[];
  /** `reference` is a dashed grey line without hover values (the chance diagonal, say). */
  kind?: 'line' | 'scatter' | 'reference';
  color?: string;
}

export interface PlotMarker extends Point {
  label: string;
}

interface XYPlotProps {
  title: string;
  series: readonly PlotSeries[];
  xLabel: string;
  yLabel: string;
  /** Fixed domains (e.g. [0, 1] for rates); otherwise the data's extent. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** One highlighted point, such as where the chosen threshold sits on a curve. */
  marker?: PlotMarker | null;
  height?: number;
  testId?: string;
  note?: string;
  /** Columns for the data table beyond series, x and y: the point's note. */
  noteColumn?: string;
}

const MARGIN = { top: 12, right: 16, bottom: 40, left: 52 };
const FALLBACK_WIDTH = 420;
const CLIP_BLEED = 6;

interface Drag {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const xOf = (point: PlotPoint) => point.x;
const yOf = (point: PlotPoint) => point.y;

function dataDomain(values: number[], scatter: boolean): [number, number] {
  if (scatter) return paddedDomain(values);
  return extent(values) ?? [0, 1];
}

function tableOf(series: readonly PlotSeries[], xLabel: string, yLabel: string, noteColumn?: string): DataTable {
  const shown = series.filter((one) => one.kind !== 'reference');
  const many = shown.length > 1;
  const columns = [...(many ? ['Series'] : []), xLabel, yLabel, ...(noteColumn ? [noteColumn] : [])];
  const rows = shown.flatMap((one) =>
    one.points.map((point) => [...(many ? [one.label] : []), point.x, point.y, ...(noteColumn ? [point.note ?? null] : [])]),
  );
  return { columns, rows };
}

function Legend({ series }: { series: readonly PlotSeries[] }) {
  const shown = series.filter((one) => one.kind !== 'reference');
  if (shown.length < 2) return null;
  return (
    <ul className="chart-legend">
      {shown.map((one, index) => (
        <li key={one.key}>
          <span className="chart-swatch" style={{ background: one.color ?? seriesColor(index) }} aria-hidden="true" />
          {one.label}
        </li>
      ))}
    </ul>
  );
}

export function XYPlot({ title, series, xLabel, yLabel, xDomain, yDomain, marker, height = 260, testId, note, noteColumn }: XYPlotProps) {
  const { ref, width } = useWidth<HTMLDivElement>(FALLBACK_WIDTH);
  const clipId = useId().replace(/:/g, '');
  const [zoom, setZoom] = useState<{ x: [number, number]; y: [number, number] } | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const scatter = series.some((one) => one.kind === 'scatter');
  const full = useMemo(() => {
    const points = series.filter((one) => one.kind !== 'reference').flatMap((one) => one.points);
    return {
      x: xDomain ? ([...xDomain] as [number, number]) : dataDomain(points.map(xOf), scatter),
      y: yDomain ? ([...yDomain] as [number, number]) : dataDomain(points.map(yOf), scatter),
    };
  }, [series, xDomain, yDomain, scatter]);
  const domain = zoom ?? full;
  const table = useMemo(() => tableOf(series, xLabel, yLabel, noteColumn), [series, xLabel, yLabel, noteColumn]);
  const innerRight = width - MARGIN.right;
  const innerBottom = height - MARGIN.bottom;
  const colored = series.map((one, index) => ({ ...one, color: one.color ?? (one.kind === 'reference' ? REFERENCE_COLOR : seriesColor(index)) }));
  const byKey = new Map(colored.map((one) => [one.key, one]));

  const local = (event: ReactPointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const at = local(event);
    if (at.x < MARGIN.left || at.x > innerRight || at.y < MARGIN.top || at.y > innerBottom) return;
    setDrag({ x0: at.x, y0: at.y, x1: at.x, y1: at.y });
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const at = local(event);
    setDrag({ ...drag, x1: at.x, y1: at.y });
  };
  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    const x = zoomedDomain(domain.x, [MARGIN.left, innerRight], drag.x0, drag.x1);
    const y = zoomedDomain(domain.y, [innerBottom, MARGIN.top], drag.y0, drag.y1);
    if (x && y) setZoom({ x, y });
  };

  return (
    <ChartFigure
      title={title}
      testId={testId}
      table={table}
      onResetZoom={zoom ? () => setZoom(null) : null}
      note={note ?? 'Drag across the chart to zoom in.'}
    >
      <Legend series={colored} />
      <div
        ref={ref}
        className="xy-plot"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setDrag(null)}
      >
        <XYChart
          width={width}
          height={height}
          margin={MARGIN}
          theme={chartTheme}
          accessibilityLabel={`${title}: ${yLabel} against ${xLabel}`}
          xScale={{ type: 'linear', domain: domain.x, nice: false, zero: false }}
          yScale={{ type: 'linear', domain: domain.y, nice: false, zero: false }}
        >
          <Grid numTicks={5} />
          <Axis orientation="bottom" label={xLabel} numTicks={5} tickFormat={(value: number) => formatTick(value)} />
          <Axis orientation="left" label={yLabel} numTicks={5} tickFormat={(value: number) => formatTick(value)} />
          <defs>
            <clipPath id={clipId}>
              {/* A little past the axes, so a line along an edge (a perfect ROC) or a marker on it shows whole. */}
              <rect
                x={MARGIN.left - CLIP_BLEED}
                y={MARGIN.top - CLIP_BLEED}
                width={Math.max(0, innerRight - MARGIN.left + 2 * CLIP_BLEED)}
                height={Math.max(0, innerBottom - MARGIN.top + 2 * CLIP_BLEED)}
              />
            </clipPath>
          </defs>
          <g clipPath={`url(#${clipId})`}>
            {colored.map((one) =>
              one.kind === 'scatter' ? (
                <GlyphSeries
                  key={one.key}
                  dataKey={one.key}
                  data={one.points as PlotPoint[]}
                  xAccessor={xOf}
                  yAccessor={yOf}
                  size={4}
                  colorAccessor={() => one.color}
                />
              ) : (
                <LineSeries
                  key={one.key}
                  dataKey={one.key}
                  data={one.points as PlotPoint[]}
                  xAccessor={xOf}
                  yAccessor={yOf}
                  stroke={one.color}
                  strokeWidth={one.kind === 'reference' ? 1 : 2}
                  strokeDasharray={one.kind === 'reference' ? '4 4' : undefined}
                  enableEvents={one.kind !== 'reference'}
                />
              ),
            )}
            {marker && (
              <GlyphSeries
                dataKey="__marker"
                data={[marker]}
                xAccessor={xOf}
                yAccessor={yOf}
                size={11}
                colorAccessor={() => '#d55e00'}
                enableEvents={false}
              />
            )}
          </g>
          {typeof ResizeObserver !== 'undefined' && !drag && (
            <Tooltip<PlotPoint>
              snapTooltipToDatumX
              snapTooltipToDatumY
              showDatumGlyph
              renderTooltip={({ tooltipData }) => {
                const nearest = tooltipData?.nearestDatum;
                if (!nearest) return null;
                const one = byKey.get(nearest.key);
                return (
                  <div className="chart-tooltip">
                    {one && colored.length > 1 && <strong style={{ color: one.color }}>{one.label}</strong>}
                    <div>
                      {xLabel}: {formatTick(nearest.datum.x)}
                    </div>
                    <div>
                      {yLabel}: {formatTick(nearest.datum.y)}
                    </div>
                    {nearest.datum.note && <div>{nearest.datum.note}</div>}
                  </div>
                );
              }}
            />
          )}
        </XYChart>
        {drag && (
          <div
            className="chart-selection"
            style={{
              left: Math.min(drag.x0, drag.x1),
              top: Math.min(drag.y0, drag.y1),
              width: Math.abs(drag.x1 - drag.x0),
              height: Math.abs(drag.y1 - drag.y0),
            }}
          />
        )}
      </div>
    </ChartFigure>
  );
}
