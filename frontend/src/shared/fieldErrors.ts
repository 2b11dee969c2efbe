/**
 * A 400 answer as one message per form field. DRF's own validation names fields in `fields`
 * (`{"recurrence": {"hours": ["…"]}}` → `recurrence.hours`); a service's error names one in
 * `field`, with a message that starts with the field's name (dropped here, since the message
 * shows next to that field). Pure.
 */
import { isApiError } from '../api/http';

function flatten(value: unknown, prefix: string, into: Record<string, string>): void {
  if (typeof value === 'string') {
    into[prefix] = into[prefix] ? `${into[prefix]} ${value}` : value;
  } else if (Array.isArray(value)) {
    for (const item of value) flatten(item, prefix, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  }
}

export function serverFieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isApiError(error) || (error.status !== 400 && error.status !== 404 && error.status !== 409)) return errors;
  flatten(error.body.fields, '', errors);
  const field = error.body.field;
  if (typeof field === 'string' && field) {
    // "time_zone: …" or "time zone: …": the field's name is what the message starts with.
    const prefixes = [`${field}: `, `${field.replace(/_/g, ' ')}: `];
    const prefix = prefixes.find((candidate) => error.message.toLowerCase().startsWith(candidate));
    const message = prefix ? error.message.slice(prefix.length) : error.message;
    errors[field] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  return errors;
}

/** The message for a field or anything nested under it (`recurrence` covers `recurrence.hours`). */
export function errorUnder(errors: Record<string, string>, field: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .map(([key, message]) => (key === field ? message : `${key.slice(field.length + 1)}: ${message}`));
  return found.length > 0 ? found.join(' ') : undefined;
}

/** Whether every message is shown next to one of `fields` (else the form shows a general one). */
export function allShown(errors: Record<string, string>, fields: readonly string[]): boolean {
  const keys = Object.keys(errors);
  return keys.length > 0 && keys.every((key) => fields.some((field) => key === field || key.startsWith(`${field}.`)));
}
