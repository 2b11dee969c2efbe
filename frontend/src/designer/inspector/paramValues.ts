/**
 * Conversion between a node's stored parameter values (graph JSON) and the inspector's form fields.
 *
 * A stored value is JSON typed as the component declares it (int, float, bool, string, list of
 * column names) or a {"$param": name} binding to a pipeline parameter. A field value is what an
 * input element holds: text, or a checkbox's checked state. An empty field means "no value", so
 * the key is removed and the component default applies. Pure; no React here.
 */
import type { JsonValue, ParamBinding, ParamSpec } from '../../api/models';
import { checkParamValue } from '../parameters/paramCheck';

export type FieldValue = string | boolean;

export type ParsedField =
  | { kind: 'unset' }
  | { kind: 'set'; value: JsonValue }
  | { kind: 'invalid'; message: string };

export type FieldControl = 'number' | 'checkbox' | 'select' | 'text' | 'textarea';

export function controlFor(spec: ParamSpec): FieldControl {
  switch (spec.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'checkbox';
    case 'enum':
      return 'select';
    case 'code':
      return 'textarea';
    default:
      return 'text';
  }
}

export function isBinding(value: unknown): value is ParamBinding {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>).$param === 'string'
  );
}

/** Display form of any value: lists as "a, b", numbers and booleans as text. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => formatValue(item)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What the field shows for a stored value (undefined = not set). */
export function toFieldValue(spec: ParamSpec, value: JsonValue | undefined): FieldValue {
  if (spec.type === 'boolean') {
    // A checkbox cannot show "unset": it shows the value that will apply.
    return value === undefined || value === null ? spec.default === true : value === true;
  }
  if (isBinding(value)) return '';
  return formatValue(value);
}

/** The hint an empty field shows: the component's default. */
export function placeholderFor(spec: ParamSpec): string {
  if (spec.default !== undefined && spec.default !== null) return `default: ${formatValue(spec.default)}`;
  return spec.optional ? 'optional' : 'required';
}

function parseNumber(spec: FieldSpec, text: string): ParsedField {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'unset' };
  const value = Number(trimmed);
  // The same check the submit dialog and the kernel make (parameters/paramCheck.ts).
  const problem = checkParamValue(spec, value);
  return problem ? { kind: 'invalid', message: problem } : { kind: 'set', value };
}

export function splitColumns(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** What parsing a field needs of a parameter's spec: its type, and its limits when it has them. */
export type FieldSpec = Pick<ParamSpec, 'type'> & Partial<Omit<ParamSpec, 'type'>>;

/** What gets stored for a field value. */
export function fromFieldValue(spec: FieldSpec, raw: FieldValue): ParsedField {
  if (spec.type === 'boolean') return { kind: 'set', value: raw === true || raw === 'true' };
  const text = typeof raw === 'string' ? raw : String(raw);
  switch (spec.type) {
    case 'integer':
    case 'number':
      return parseNumber(spec, text);
    case 'enum': {
      if (text === '') return { kind: 'unset' };
      // An enum whose choices are not known here (a pipeline parameter's field) takes any text.
      const problem = (spec.values ?? []).length > 0 ? checkParamValue(spec, text) : null;
      return problem ? { kind: 'invalid', message: problem } : { kind: 'set', value: text };
    }
    case 'columns': {
      const names = splitColumns(text);
      return names.length === 0 ? { kind: 'unset' } : { kind: 'set', value: names };
    }
    case 'column':
      return text.trim() === '' ? { kind: 'unset' } : { kind: 'set', value: text.trim() };
    default:
      // string and code are kept verbatim: whitespace may matter in code.
      return text === '' ? { kind: 'unset' } : { kind: 'set', value: text };
  }
}
