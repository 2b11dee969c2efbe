/** A bar per label (e.g. a metric's value in each compared run), drawn by visx, hover for the value. */
import { Axis, BarSeries, Grid, Tooltip, XYChart } from '@visx/xychart';
import { formatTick, niceDomain, niceTicks } from './axis';
import { ChartFigure } from './ChartFigure';
import { chartTheme, seriesColor } from './theme';

export interface Bar {
  label: string;
  value: number | null;
}

const HEIGHT = 180;
const MARGIN = { top: 10, right: 10, bottom: 30, left: 48 };
const BAR_SLOT = 70;

const labelOf = (bar: Bar) => bar.label;
const valueOf = (bar: Bar) => bar.value ?? 0;

export function BarChart({ bars, title, testId }: { bars: readonly Bar[]; title: string; testId?: string }) {
  const width = MARGIN.left + MARGIN.right + Math.max(2, bars.length) * BAR_SLOT;
  const colors = new Map(bars.map((bar, index) => [bar.label, seriesColor(index)]));
  // Round ticks and a top at the last of them, so the tallest bar ends under a labelled line.
  const domain = niceDomain(bars.flatMap((bar) => (bar.value === null ? [] : [bar.value])), 4, true);
  const ticks = niceTicks(domain[0], domain[1], 4);
  return (
    <ChartFigure title={title} testId={testId} table={{ columns: ['Label', 'Value'], rows: bars.map((bar) => [bar.label, bar.value]) }}>
      <XYChart
        width={width}
        height={HEIGHT}
        margin={MARGIN}
        theme={chartTheme}
        accessibilityLabel={title}
        xScale={{ type: 'band', paddingInner: 0.3, paddingOuter: 0.2 }}
        yScale={{ type: 'linear', domain, zero: true }}
      >
        <Grid columns={false} numTicks={ticks.length} />
        <Axis orientation="bottom" />
        <Axis orientation="left" tickValues={ticks} tickFormat={(value: number) => formatTick(value)} />
        <BarSeries dataKey="bars" data={bars as Bar[]} xAccessor={labelOf} yAccessor={valueOf} colorAccessor={(bar) => colors.get(bar.label) ?? seriesColor(0)} />
        {typeof ResizeObserver !== 'undefined' && (
          <Tooltip<Bar>
            snapTooltipToDatumX
            snapTooltipToDatumY
            renderTooltip={({ tooltipData }) => {
              const bar = tooltipData?.nearestDatum?.datum;
              return bar ? (
                <div className="chart-tooltip">
                  <strong>{bar.label}</strong>: {bar.value === null ? 'no value' : formatTick(bar.value)}
                </div>
              ) : null;
            }}
          />
        )}
      </XYChart>
    </ChartFigure>
  );
}
