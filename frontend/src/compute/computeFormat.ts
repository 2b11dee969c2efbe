/**
 * Compute page helpers: resources and "last seen" as text, the create form as a request body,
 * and the server's 400 `fields` as one message per form field. Pure.
 */
import type { ComputeResources, ComputeTargetCreate } from '../api/compute';
import { isApiError } from '../api/http';

/** "3 s ago", "4 min ago", "2 h ago", "5 d ago"; clocks a little ahead read as "just now". */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function formatMemory(megabytes: number): string {
  if (megabytes < 1024) return `${megabytes} MB`;
  const gigabytes = megabytes / 1024;
  return `${Number.isInteger(gigabytes) ? gigabytes : gigabytes.toFixed(1)} GB`;
}

/** "2 CPUs · 4 GB memory · 0 GPUs", leaving out what was not declared. */
export function formatResources(resources: ComputeResources | null | undefined): string {
  const parts: string[] = [];
  if (resources?.cpus != null) parts.push(plural(resources.cpus, 'CPU', 'CPUs'));
  if (resources?.memory_mb != null) parts.push(`${formatMemory(resources.memory_mb)} memory`);
  if (resources?.gpus != null) parts.push(plural(resources.gpus, 'GPU', 'GPUs'));
  return parts.length > 0 ? parts.join(' · ') : 'No resources declared';
}

/** The create form as typed: every field a string, as inputs hold them. */
export interface TargetForm {
  name: string;
  description: string;
  cpus: string;
  memory_mb: string;
  gpus: string;
  concurrency: string;
}

export const EMPTY_TARGET_FORM: TargetForm = { name: '', description: '', cpus: '', memory_mb: '', gpus: '0', concurrency: '2' };

/** A number input's text: blank means "not given", and the server's default applies. */
function numberField(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** The POST body; the server validates the values and answers 400 with `fields` when it must. */
export function targetFormToBody(form: TargetForm): ComputeTargetCreate {
  const resources: ComputeResources = {};
  for (const key of ['cpus', 'memory_mb', 'gpus'] as const) {
    const value = numberField(form[key]);
    if (value !== undefined) resources[key] = value;
  }
  const body: ComputeTargetCreate = { name: form.name.trim(), description: form.description.trim(), resources };
  const concurrency = numberField(form.concurrency);
  if (concurrency !== undefined) body.concurrency = concurrency;
  return body;
}

function flatten(value: unknown, prefix: string, into: Record<string, string>): void {
  if (typeof value === 'string') {
    into[prefix] = into[prefix] ? `${into[prefix]} ${value}` : value;
  } else if (Array.isArray(value)) {
    for (const item of value) flatten(item, prefix, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  }
}

/** `{"resources": {"cpus": ["…"]}, "name": ["…"]}` → `{"resources.cpus": "…", "name": "…"}`. */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (isApiError(error) && error.status === 400) flatten(error.body.fields, '', errors);
  return errors;
}

/** The message for one form field, whether the server nests resources or not. */
export function errorFor(errors: Record<string, string>, field: keyof TargetForm): string | undefined {
  return errors[field] ?? errors[`resources.${field}`];
}
