/**
 * The charts, loaded on first use: visx and the chart code come as a chunk of their own, so a
 * page without a chart (the designer, say) does not download them. Each export takes the props of
 * the chart it stands for and holds its place while the chunk loads.
 */
import { lazy, Suspense, type ComponentProps } from 'react';

const LazyXYPlot = lazy(() => import('./XYPlot').then((module) => ({ default: module.XYPlot })));
const LazyBarChart = lazy(() => import('./BarChart').then((module) => ({ default: module.BarChart })));
const LazyMiniHistogram = lazy(() => import('./HistogramChart').then((module) => ({ default: module.MiniHistogram })));
const LazyEvaluationCharts = lazy(() => import('./EvaluationCharts').then((module) => ({ default: module.EvaluationCharts })));

function Loading({ height }: { height: number }) {
  return <div className="chart-loading muted" style={{ minHeight: height }} aria-busy="true" />;
}

export function XYPlot(props: ComponentProps<typeof LazyXYPlot>) {
  return (
    <Suspense fallback={<Loading height={(props.height ?? 260) + 40} />}>
      <LazyXYPlot {...props} />
    </Suspense>
  );
}

export function BarChart(props: ComponentProps<typeof LazyBarChart>) {
  return (
    <Suspense fallback={<Loading height={220} />}>
      <LazyBarChart {...props} />
    </Suspense>
  );
}

export function MiniHistogram(props: ComponentProps<typeof LazyMiniHistogram>) {
  return (
    <Suspense fallback={<Loading height={44} />}>
      <LazyMiniHistogram {...props} />
    </Suspense>
  );
}

export function EvaluationCharts(props: ComponentProps<typeof LazyEvaluationCharts>) {
  return (
    <Suspense fallback={<p className="muted">Loading charts…</p>}>
      <LazyEvaluationCharts {...props} />
    </Suspense>
  );
}
