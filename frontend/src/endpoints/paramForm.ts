/**
 * Parameter values as a form holds them (text per parameter, a checkbox for booleans) and as the
 * API takes them: only values that differ from the default are sent. Used by "Run now" and the
 * schedule form. Pure.
 */
import type { EndpointParameter, JsonValue } from '../api/models';

export type ParamTexts = Record<string, string>;

/** A value in a text input: strings as they are, everything else as JSON. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function initialTexts(parameters: readonly EndpointParameter[], values: Record<string, unknown> = {}): ParamTexts {
  const texts: ParamTexts = {};
  for (const parameter of parameters) texts[parameter.name] = textOf(parameter.name in values ? values[parameter.name] : parameter.default);
  return texts;
}

/** The typed value of one input, or an error saying what is wrong with it. */
export function parseParam(type: string, text: string): { value: JsonValue } | { error: string } {
  const trimmed = text.trim();
  if (type === 'integer') {
    return /^-?\d+$/.test(trimmed) ? { value: Number(trimmed) } : { error: 'A whole number.' };
  }
  if (type === 'number') {
    return trimmed !== '' && Number.isFinite(Number(trimmed)) ? { value: Number(trimmed) } : { error: 'A number.' };
  }
  if (type === 'boolean') {
    if (trimmed === 'true' || trimmed === 'false') return { value: trimmed === 'true' };
    return { error: 'true or false.' };
  }
  if (type === 'columns') {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (Array.isArray(parsed)) return { value: parsed as JsonValue };
    } catch {
      // a plain list below
    }
    return { value: trimmed === '' ? [] : trimmed.split(',').map((part) => part.trim()) };
  }
  return { value: text };
}

export interface ParamValues {
  values: Record<string, JsonValue>;
  errors: Record<string, string>;
}

/** The values to send: those that differ from the default, typed; errors by parameter name. */
export function paramValues(parameters: readonly EndpointParameter[], texts: ParamTexts): ParamValues {
  const values: Record<string, JsonValue> = {};
  const errors: Record<string, string> = {};
  for (const parameter of parameters) {
    const text = texts[parameter.name] ?? '';
    if (text === textOf(parameter.default)) continue;
    const parsed = parseParam(parameter.type, text);
    if ('error' in parsed) errors[parameter.name] = parsed.error;
    else values[parameter.name] = parsed.value;
  }
  return { values, errors };
}
