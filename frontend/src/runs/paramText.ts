/**
 * How the run pages show a parameter value: text as it is, other JSON compactly, and a binding
 * to a pipeline parameter as "= name (value)" with the run's value, never as raw
 * {"$param": …} JSON. Pure.
 */
import type { JsonValue } from '../api/models';

/** The pipeline parameter a {"$param": name} binding names, else null. */
export function boundParam(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const name = (value as Record<string, unknown>).$param;
  return typeof name === 'string' ? name : null;
}

/** A plain value: text as it is, null as "null", anything else as compact JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value as JsonValue) ?? String(value);
}

/** A node parameter's value in a run; `parameters` are the run's pipeline parameter values. */
export function paramText(value: unknown, parameters: Readonly<Record<string, unknown>> | null | undefined): string {
  const bound = boundParam(value);
  if (bound === null) return valueText(value);
  const known = parameters != null && bound in parameters;
  return known ? `= ${bound} (${valueText(parameters[bound])})` : `= ${bound}`;
}
