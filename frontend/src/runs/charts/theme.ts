/**
 * One look for every chart: the visx theme (grid, ticks, labels) and the series colours, an
 * Okabe–Ito palette that stays apart for the common kinds of colour blindness.
 */
import { buildChartTheme } from '@visx/xychart';

export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'];
export const REFERENCE_COLOR = '#9aa5b1';
export const MUTED = '#6b7785';
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export const chartTheme = buildChartTheme({
  backgroundColor: '#ffffff',
  colors: SERIES_COLORS,
  gridColor: '#e5e9ef',
  gridColorDark: '#c9d1da',
  tickLength: 4,
  svgLabelSmall: { fill: MUTED, fontSize: 10, fontFamily: FONT },
  svgLabelBig: { fill: '#1f2933', fontSize: 11, fontFamily: FONT },
  xAxisLineStyles: { stroke: '#c9d1da' },
  yAxisLineStyles: { stroke: '#c9d1da' },
  xTickLineStyles: { stroke: '#c9d1da' },
  yTickLineStyles: { stroke: '#c9d1da' },
});

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
