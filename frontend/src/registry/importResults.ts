/**
 * What an import of Azure ML or Kubeflow files means for a person, ready to show: which files can
 * be sent at all, a refusal's problems grouped by file, a conflict, and a sentence of what was
 * created. Pure.
 */
import type { ImportNote, ImportResult } from '../api/imports';
import { isApiError } from '../api/http';
import { describeFailure } from '../shared/format';

export const IMPORT_EXTENSIONS = ['.yaml', '.yml', '.zip'] as const;
export const IMPORT_ACCEPT = '.yaml,.yml,.zip,application/zip,text/yaml,application/yaml';

export interface ImportSelection {
  importable: File[];
  /** Names of files that are neither YAML nor zip: they are not sent. */
  skipped: string[];
}

export function isImportable(name: string): boolean {
  const lower = name.toLowerCase();
  return IMPORT_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export function selectImportable(files: readonly File[]): ImportSelection {
  return {
    importable: files.filter((file) => isImportable(file.name)),
    skipped: files.filter((file) => !isImportable(file.name)).map((file) => file.name),
  };
}

export interface FieldMessage {
  field: string;
  message: string;
}

export interface FileMessages {
  /** The file as the server names it; '' for the upload as a whole. */
  file: string;
  items: FieldMessage[];
}

/** Notes or problems, one group per file in the order the server named them. */
export function groupByFile(items: readonly ImportNote[]): FileMessages[] {
  const groups = new Map<string, FieldMessage[]>();
  for (const item of items) {
    const group = groups.get(item.file) ?? [];
    group.push({ field: item.field, message: item.message });
    groups.set(item.file, group);
  }
  return [...groups].map(([file, grouped]) => ({ file, items: grouped }));
}

function asNote(value: unknown): ImportNote | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (typeof record.message !== 'string') return null;
  return {
    file: typeof record.file === 'string' ? record.file : '',
    field: typeof record.field === 'string' ? record.field : '',
    message: record.message,
  };
}

export interface ImportFailure {
  /** refused: the files were read and found wanting (nothing was created); conflict: a component
   * version already registered with other content; other: anything else. */
  kind: 'refused' | 'conflict' | 'other';
  message: string;
  files: FileMessages[];
}

export function importFailure(error: unknown): ImportFailure {
  const message = describeFailure(error);
  if (!isApiError(error)) return { kind: 'other', message, files: [] };
  if (error.status === 409) return { kind: 'conflict', message, files: [] };
  if (error.status !== 400) return { kind: 'other', message, files: [] };
  const errors = Array.isArray(error.body.errors) ? error.body.errors : [];
  const problems = errors.map(asNote).filter((note): note is ImportNote => note !== null);
  return { kind: 'refused', message, files: groupByFile(problems) };
}

function counted(count: number, one: string, many: string): string | null {
  if (count === 0) return null;
  return `${count} ${count === 1 ? one : many}`;
}

function listed(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Imported 2 components and 1 pipeline." */
export function importSummary(result: ImportResult): string {
  const parts = [
    counted(result.components.length, 'component', 'components'),
    counted(result.pipelines.length, 'pipeline', 'pipelines'),
    counted(result.schedules.length, 'schedule', 'schedules'),
  ].filter((part): part is string => part !== null);
  return parts.length ? `Imported ${listed(parts)}.` : 'The files held nothing to import.';
}

/** How a file is named in a list: the upload as a whole has no file name. */
export function fileLabel(file: string): string {
  return file || 'the upload';
}
