/**
 * The "Try it" panel's arithmetic: the JSON typed read as a score request (rows, or columns
 * with data) before it is sent, the answer as one line per row, and a refusal's column and row.
 * Pure.
 */
import { isApiError } from '../api/http';
import type { ScoreAnswer, ScoreRequest } from '../api/models';

export type ParsedBody = { body: ScoreRequest; rows: number; error: null } | { body: null; rows: 0; error: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function refuse(error: string): ParsedBody {
  return { body: null, rows: 0, error };
}

/** The text as a score request, or why it is not one (said before asking the server). */
export function parseScoreBody(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(value)) return refuse('Send an object: {"rows": [{"column": value, ...}]}.');
  if (Array.isArray(value.rows)) {
    if (value.rows.length === 0) return refuse('Give at least one row.');
    const bad = value.rows.findIndex((row) => !isObject(row));
    if (bad >= 0) return refuse(`Row ${bad} is not an object of column: value.`);
    return { body: { rows: value.rows as Record<string, unknown>[] }, rows: value.rows.length, error: null };
  }
  if (Array.isArray(value.columns) && Array.isArray(value.data)) {
    return { body: { columns: value.columns as string[], data: value.data as unknown[][] }, rows: value.data.length, error: null };
  }
  return refuse('Give "rows" (a list of objects), or "columns" with "data".');
}

export interface ScoredRow {
  row: number;
  prediction: unknown;
  probability: number | null | undefined;
}

export function scoredRows(answer: ScoreAnswer): ScoredRow[] {
  return answer.predictions.map((prediction, row) => ({ row, prediction, probability: answer.probabilities?.[row] }));
}

/** A prediction as a cell shows it: numbers to 6 significant digits, objects as JSON. */
export function formatPrediction(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export interface Refusal {
  status: number;
  code: string | undefined;
  message: string;
  column: string | null;
  row: number | null;
}

/** What the server refused and where (a 4xx names the column and row), or null for no API error. */
export function refusalOf(error: unknown): Refusal | null {
  if (!isApiError(error)) return null;
  const { column, row } = error.body;
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    column: typeof column === 'string' ? column : null,
    row: typeof row === 'number' ? row : null,
  };
}
