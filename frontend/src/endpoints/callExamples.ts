/**
 * The "Call it" examples of an endpoint: a curl command and a Python (requests) script with the
 * real URL, the endpoint's name, its parameters at their defaults and a token placeholder. Pure.
 */
import type { EndpointParameter, JsonValue } from '../api/models';

export const TOKEN_PLACEHOLDER = '<YOUR-TOKEN>';

export interface CallTarget {
  /** The server's origin, e.g. `http://127.0.0.1:8000`. */
  origin: string;
  endpoint: string;
  /** A version other than the default; left out, the call runs the default. */
  version?: number;
  parameters: readonly EndpointParameter[];
}

export function callUrl({ origin, endpoint, version }: CallTarget): string {
  const base = `${origin.replace(/\/$/, '')}/api/endpoints/${encodeURIComponent(endpoint)}/`;
  return version ? `${base}versions/${version}/runs/` : `${base}runs/`;
}

export function callBody(target: CallTarget): { parameters: Record<string, JsonValue> } {
  const parameters: Record<string, JsonValue> = {};
  for (const parameter of target.parameters) parameters[parameter.name] = (parameter.default ?? null) as JsonValue;
  return { parameters };
}

/** A shell single-quoted word: ' ends the quote, adds an escaped ', and opens it again. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlExample(target: CallTarget): string {
  return [
    `curl -X POST ${shellQuote(callUrl(target))} \\`,
    `  -H ${shellQuote(`Authorization: Token ${TOKEN_PLACEHOLDER}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(callBody(target)))}`,
  ].join('\n');
}

/** A JSON value written as a Python literal (True, False, None; strings as JSON escapes them). */
export function pythonLiteral(value: JsonValue | undefined, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${pythonLiteral(item as JsonValue, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pythonLiteral(item as JsonValue, inner)},`).join('\n')}\n${indent}}`;
}

export function pythonExample(target: CallTarget): string {
  return [
    'import requests',
    '',
    `TOKEN = "${TOKEN_PLACEHOLDER}"`,
    '',
    'response = requests.post(',
    `    ${JSON.stringify(callUrl(target))},`,
    '    headers={"Authorization": f"Token {TOKEN}"},',
    `    json={"parameters": ${pythonLiteral(callBody(target).parameters, '    ')}},`,
    '    timeout=30,',
    ')',
    'response.raise_for_status()',
    'run = response.json()',
    'print(run["run_id"], run["status"], run["url"])',
  ].join('\n');
}
