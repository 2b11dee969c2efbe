/**
 * What may be uploaded as a dataset, checked in the browser before a byte is sent: the formats
 * the server reads and its size limit. Also the name a file suggests. Pure.
 */
import { formatBytes } from '../shared/format';

/** The file endings the server reads a table from. */
export const DATASET_EXTENSIONS = ['.csv', '.tsv', '.parquet', '.pq', '.json', '.jsonl'] as const;

/** For the file picker's `accept`. */
export const DATASET_ACCEPT = DATASET_EXTENSIONS.join(',');

/** The server's upload limit unless it is configured otherwise (DESIGNER_DATASET_MAX_BYTES). */
export const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** Why this file cannot be uploaded, or null when it can. */
export function uploadProblem(file: Pick<File, 'name' | 'size'>, limit = DEFAULT_UPLOAD_LIMIT): string | null {
  const extension = extensionOf(file.name);
  if (!(DATASET_EXTENSIONS as readonly string[]).includes(extension)) {
    return `${file.name} is not a table the server can read. Choose a CSV, TSV, Parquet, JSON or JSON Lines file.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > limit) {
    return `${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(limit)} an upload may be. Put it in a datastore and register it from there.`;
  }
  return null;
}

/** A dataset name from a file name: "Houses 2026.csv" → "houses-2026". */
export function suggestDatasetName(fileName: string): string {
  const extension = extensionOf(fileName);
  const stem = extension ? fileName.slice(0, -extension.length) : fileName;
  return stem
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64);
}
