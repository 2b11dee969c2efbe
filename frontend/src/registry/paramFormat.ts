/**
 * How a component's parameters read in the registry's table: type, default, range, choices.
 * Pure functions of the parameter spec; "—" stands for "not set".
 */
import type { JsonValue, ParamSpec } from '../api/models';

export const NOT_SET = '—';

/** A value as a person would type it: strings bare (empty as ""), everything else as JSON. */
export function formatParamValue(value: JsonValue | undefined): string {
  if (value === undefined) return NOT_SET;
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

/** The default column: an optional parameter left unset (null) shows as "—", like no default. */
export function formatDefault(param: Pick<ParamSpec, 'default' | 'optional'>): string {
  if (param.default === null && param.optional) return NOT_SET;
  return formatParamValue(param.default);
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** "0 – 1", "≥ 0", "≤ 10", or "—". */
export function formatRange(param: Pick<ParamSpec, 'min' | 'max'>): string {
  const { min, max } = param;
  if (isNumber(min) && isNumber(max)) return `${min} – ${max}`;
  if (isNumber(min)) return `≥ ${min}`;
  if (isNumber(max)) return `≤ ${max}`;
  return NOT_SET;
}

export function formatChoices(param: Pick<ParamSpec, 'values'>): string {
  return param.values && param.values.length > 0 ? param.values.join(', ') : NOT_SET;
}

/** The type, with what qualifies it: "column of data", "code (python)". */
export function formatParamType(param: Pick<ParamSpec, 'type' | 'input' | 'language'>): string {
  if ((param.type === 'column' || param.type === 'columns') && param.input) return `${param.type} of ${param.input}`;
  if (param.type === 'code' && param.language) return `code (${param.language})`;
  return param.type;
}
