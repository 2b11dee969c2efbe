/**
 * The rows of the compare page's tables, one value per run: parameters (the run's pipeline
 * parameters, then every node's resolved parameters) and metrics (node.metric). Pure.
 */
import type { JsonValue, Run } from '../../api/models';
import { boundParam } from '../paramText';
import { sameValue } from './graphDiff';

export interface ParamRow {
  key: string;
  /** The node the parameter belongs to, or null for a pipeline parameter. */
  node: string | null;
  name: string;
  values: (JsonValue | undefined)[];
  differs: boolean;
}

export interface MetricRow {
  key: string;
  node: string;
  metric: string;
  values: (number | null)[];
  differs: boolean;
  /** Per run: the run the value comes from when the node was reused there, else null. */
  fromRuns: (number | null)[];
}

/** A node's parameters in one run: resolved by the server if it says, else the graph's values. */
function nodeParams(run: Run, node: string): Record<string, unknown> {
  const resolved = run.nodes.find((entry) => entry.node === node)?.params;
  if (resolved) return resolved;
  return run.graph?.nodes.find((entry) => entry.id === node)?.params ?? {};
}

function allDiffer<T>(values: readonly T[]): boolean {
  return values.some((value) => !sameValue(value, values[0]));
}

export function paramRows(runs: readonly Run[]): ParamRow[] {
  const rows: ParamRow[] = [];
  const pipelineNames = [...new Set(runs.flatMap((run) => Object.keys(run.parameters ?? {})))].sort();
  for (const name of pipelineNames) {
    const values = runs.map((run) => run.parameters?.[name]);
    rows.push({ key: `$${name}`, node: null, name, values, differs: allDiffer(values) });
  }
  const nodes = [...new Set(runs.flatMap((run) => (run.graph?.nodes ?? []).map((node) => node.id)))];
  for (const node of nodes) {
    const params = runs.map((run) => nodeParams(run, node));
    const names = [...new Set(params.flatMap((entry) => Object.keys(entry)))].sort();
    for (const name of names) {
      const values = params.map((entry) => entry[name] as JsonValue | undefined);
      // A binding differs when the values it takes in the runs do.
      const taken = values.map((value, index) => {
        const bound = boundParam(value);
        return bound === null ? value : runs[index]?.parameters?.[bound];
      });
      rows.push({ key: `${node}.${name}`, node, name, values, differs: allDiffer(taken) });
    }
  }
  return rows;
}

export function metricRows(runs: readonly Run[]): MetricRow[] {
  const keys = new Map<string, { node: string; metric: string }>();
  for (const run of runs) {
    for (const node of run.nodes) {
      for (const metric of Object.keys(node.metrics ?? {})) keys.set(`${node.node}.${metric}`, { node: node.node, metric });
    }
  }
  return [...keys.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { node, metric }]) => {
      const shown = runs.map((run) => run.nodes.find((entry) => entry.node === node));
      const values = shown.map((entry) => entry?.metrics?.[metric] ?? null);
      // A reused node's metrics are those of the run that executed it: say which.
      const fromRuns = shown.map((entry, index) =>
        entry?.status === 'reused' && entry.from_run && String(entry.from_run) !== String(runs[index]!.id) && values[index] !== null
          ? entry.from_run
          : null,
      );
      return { key, node, metric, values, differs: allDiffer(values), fromRuns };
    });
}

/** The run ids in `?ids=1,2,3`: trimmed, non-empty, each once, in the order given. */
export function parseIds(text: string | null): string[] {
  return [...new Set((text ?? '').split(',').map((id) => id.trim()).filter(Boolean))];
}
