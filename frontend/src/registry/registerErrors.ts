/**
 * What went wrong registering a component archive, ready to show: the spec problems of a 400
 * (one per field), the conflict of a 409, or a plain message. Pure.
 */
import type { SpecIssue } from '../api/components';
import { isApiError } from '../api/http';
import { describeFailure } from '../shared/format';

export interface RegisterFailure {
  kind: 'invalid' | 'conflict' | 'other';
  message: string;
  issues: SpecIssue[];
}

function asIssue(value: unknown): SpecIssue | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (typeof record.message !== 'string') return null;
  return {
    field: typeof record.field === 'string' ? record.field : '',
    message: record.message,
    ...(typeof record.file === 'string' ? { file: record.file } : {}),
  };
}

/** The `errors` list of an error body, keeping only well-formed entries. */
export function specIssues(body: unknown): SpecIssue[] {
  if (!body || typeof body !== 'object') return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map(asIssue).filter((issue): issue is SpecIssue => issue !== null);
}

export function registerFailure(error: unknown): RegisterFailure {
  const message = describeFailure(error);
  if (!isApiError(error)) return { kind: 'other', message, issues: [] };
  if (error.status === 409) return { kind: 'conflict', message, issues: [] };
  if (error.status === 400) return { kind: 'invalid', message, issues: specIssues(error.body) };
  return { kind: 'other', message, issues: [] };
}

/** Where an issue points: the dotted field, else the file, else the spec as a whole. */
export function issueLocation(issue: SpecIssue): string {
  return issue.field || issue.file || 'component.yaml';
}
