/** Metric history grouped into one chartable series per metric name. Pure. */
import type { MetricPoint } from '../../api/models';
import type { Point } from '../charts/axis';

/**
 * Points per metric in the order logged; x is the logged step, or the value's position when
 * the metric was logged without steps.
 */
export function metricSeries(points: readonly MetricPoint[]): Record<string, Point[]> {
  const series: Record<string, Point[]> = {};
  for (const point of points) {
    const list = (series[point.name] ??= []);
    list.push({ x: point.step ?? list.length, y: point.value });
  }
  return series;
}
