/**
 * The one check of a parameter value, shared by the inspector, the parameters panel and the
 * submit dialog. It mirrors the kernel's rules (designer/kernel/params.py `check_param_value`
 * and `ParamSpec.required_by`): type, range, choices, and `required_if`. paramCheckCases.json
 * holds a table of cases that this module (paramCheck.test.ts) and the kernel
 * (tests/kernel/test_param_check_agreement.py) must both answer the same way.
 *
 * Messages are short, for showing under a field. Pure; no React here.
 */
import type { JsonValue, ParamSpec, PipelineGraph, PipelineParameters } from '../../api/models';

/** What checking a value needs of a parameter's spec: its type, and the rest when it has it. */
export type CheckSpec = Pick<ParamSpec, 'type'> & Partial<Omit<ParamSpec, 'type'>>;

/** The pipeline parameter a {"$param": name} binding names, else null. */
function boundName(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const name = (value as Record<string, unknown>).$param;
  return typeof name === 'string' ? name : null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isJson(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (typeof value === 'object') return Object.values(value as object).every((item) => isJson(item, depth + 1));
  return false;
}

function rangeProblem(spec: CheckSpec, value: number): string | null {
  const low = typeof spec.min === 'number' ? spec.min : null;
  const high = typeof spec.max === 'number' ? spec.max : null;
  if (low !== null && value < low) return `Must be at least ${low}`;
  if (high !== null && value > high) return `Must be at most ${high}`;
  return null;
}

/** Null when `value` fits the parameter, else what is wrong (null/undefined = no value). */
export function checkParamValue(spec: CheckSpec, value: unknown): string | null {
  if (value === null || value === undefined) return spec.optional ? null : 'Needs a value';
  switch (spec.type) {
    case 'integer':
      if (!isFiniteNumber(value) || !Number.isInteger(value)) return 'Enter a whole number';
      return rangeProblem(spec, value);
    case 'number':
      if (!isFiniteNumber(value)) return 'Enter a number';
      return rangeProblem(spec, value);
    case 'string':
    case 'code':
      return typeof value === 'string' ? null : 'Must be text';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Must be true or false';
    case 'enum': {
      const allowed = spec.values ?? [];
      return typeof value === 'string' && allowed.includes(value) ? null : `Choose one of ${allowed.join(', ')}`;
    }
    case 'column':
      return typeof value === 'string' && value !== '' ? null : 'Must be the name of one column';
    case 'columns':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')
        ? null
        : 'Must be a list of column names';
    case 'json':
      return isJson(value) ? null : 'Must be plain JSON data';
    default:
      return `Unknown type '${String(spec.type)}'`;
  }
}

/**
 * A node's own timeout and retry limit: whole numbers within the kernel's bounds
 * (designer/kernel/graph.py NODE_LIMITS); empty keeps its component's.
 */
export const NODE_LIMITS = {
  timeout: { min: 1, max: 7 * 24 * 3600, unit: 'seconds' },
  max_retries: { min: 0, max: 10, unit: 'retries' },
} as const;

export function checkNodeLimit(key: keyof typeof NODE_LIMITS, value: unknown): string | null {
  const { min, max } = NODE_LIMITS[key];
  return checkParamValue({ type: 'integer', optional: true, min, max }, value);
}

/** No usable value: null, an empty or all-space string, or an empty list (kernel `is_blank`). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** The (parameter, value) among `values` that makes this parameter required, if any. */
export function requiredBy(spec: CheckSpec, values: Readonly<Record<string, unknown>>): [string, unknown] | null {
  for (const [name, allowed] of Object.entries(spec.required_if ?? {})) {
    if (name in values && allowed.some((candidate) => candidate === values[name])) return [name, values[name]];
  }
  return null;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * The parameters of one node that another parameter's value makes required and that are left
 * empty: {param: message}. `values` are the values as they will apply (node value, else bound
 * pipeline value, else the spec default). A `label_fallback` parameter is left to the server's
 * validation, which knows whether a step upstream marks a label column.
 */
export function conditionalProblems(
  specs: Readonly<Record<string, CheckSpec>>,
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const cause = requiredBy(spec, values);
    if (!cause || spec.label_fallback || !isBlank(values[name])) continue;
    problems[name] = `Needs a value when ${cause[0]} is ${shown(cause[1])}`;
  }
  return problems;
}

/** A node parameter's value as it will apply: the node's, a bound pipeline value, or the default. */
export function effectiveValues(
  params: Readonly<Record<string, JsonValue>>,
  specs: Readonly<Record<string, CheckSpec>>,
  pipelineValues: Readonly<Record<string, JsonValue | undefined>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    let value: unknown = params[name];
    const bound = boundName(value);
    if (bound !== null) value = pipelineValues[bound];
    values[name] = value === undefined || value === null ? spec.default : value;
  }
  return values;
}

/** What `checkRunValues` needs of each node's component: its parameter specs. */
export type ParamSpecsOf = (component: string) => Readonly<Record<string, CheckSpec>> | undefined;

/**
 * The problems the run's pipeline parameter values cause, by pipeline parameter: each value is
 * checked against every node parameter bound to it (type, range, choices), and a value that
 * makes another node parameter required while it is empty says so. Empty when all fit.
 */
export function checkRunValues(
  graph: PipelineGraph,
  parameters: PipelineParameters,
  overrides: Readonly<Record<string, JsonValue>>,
  specsOf: ParamSpecsOf,
): Record<string, string[]> {
  const pipelineValues: Record<string, JsonValue | undefined> = {};
  for (const [name, definition] of Object.entries(parameters)) {
    pipelineValues[name] = name in overrides ? overrides[name] : (definition.default as JsonValue | undefined);
  }
  const problems: Record<string, string[]> = {};
  const add = (name: string, message: string) => {
    problems[name] = [...(problems[name] ?? []), message];
  };
  for (const node of graph.nodes) {
    const specs = specsOf(node.component);
    if (!specs) continue;
    const params = (node.params ?? {}) as Record<string, JsonValue>;
    const boundTo: Record<string, string> = {};
    for (const [field, value] of Object.entries(params)) {
      const bound = boundName(value);
      if (bound === null || !(bound in parameters)) continue;
      boundTo[field] = bound;
      const spec = specs[field];
      const current = pipelineValues[bound];
      if (!spec || current === undefined || current === null) continue;
      const problem = checkParamValue(spec, current);
      if (problem) add(bound, `${node.id}.${field}: ${problem}`);
    }
    if (Object.keys(boundTo).length === 0) continue;
    const values = effectiveValues(params, specs, pipelineValues);
    for (const [field, message] of Object.entries(conditionalProblems(specs, values))) {
      const spec = specs[field];
      const cause = spec ? requiredBy(spec, values) : null;
      const name = cause ? boundTo[cause[0]] : undefined;
      if (name) add(name, `${node.id}.${field}: ${message}`);
    }
  }
  return problems;
}
