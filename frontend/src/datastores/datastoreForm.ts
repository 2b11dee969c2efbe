/**
 * The new-datastore form's values and the body they make: only the fields of the chosen kind,
 * credentials only when given (S3 keys as a pair, HTTP headers as "Name: value" lines). Pure.
 */
import type { DatastoreInput, DatastoreKind } from '../api/models';
import { nameProblem } from '../shared/names';

export interface DatastoreForm {
  name: string;
  kind: DatastoreKind;
  description: string;
  path: string;
  bucket: string;
  prefix: string;
  endpointUrl: string;
  url: string;
  accessKey: string;
  secretKey: string;
  headers: string;
}

export const EMPTY_DATASTORE_FORM: DatastoreForm = {
  name: '',
  kind: 'local',
  description: '',
  path: '',
  bucket: '',
  prefix: '',
  endpointUrl: '',
  url: '',
  accessKey: '',
  secretKey: '',
  headers: '',
};

/** "Authorization: Bearer x" lines as a header map; the problem with a line that is not one. */
export function parseHeaders(text: string): { headers: Record<string, string>; problem: string | null } {
  const headers: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { headers, problem: `Line ${index + 1} is not “Name: value”.` };
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { headers, problem: null };
}

function placeOf(form: DatastoreForm): Partial<DatastoreInput> {
  if (form.kind === 'local') return { path: form.path.trim() };
  if (form.kind === 's3') {
    return { bucket: form.bucket.trim(), prefix: form.prefix.trim(), endpoint_url: form.endpointUrl.trim() };
  }
  return { url: form.url.trim() };
}

export function datastoreFormToBody(form: DatastoreForm): { body: DatastoreInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  const badName = nameProblem(name, 'datastore');
  if (badName) errors.name = badName;
  const body: DatastoreInput = { name, kind: form.kind, description: form.description.trim(), ...placeOf(form) };
  if (form.kind === 'local' && !body.path) errors.path = 'The folder on the server, e.g. /srv/data/sales.';
  if (form.kind === 's3' && !body.bucket) errors.bucket = 'The bucket name.';
  if (form.kind === 'http' && !body.url) errors.url = 'The base URL, e.g. https://data.example.org/exports/.';
  if (form.kind === 's3' && (form.accessKey || form.secretKey)) {
    if (!form.accessKey || !form.secretKey) errors.credentials = 'Give both the access key and the secret key, or neither.';
    body.credentials = { access_key: form.accessKey.trim(), secret_key: form.secretKey };
  }
  if (form.kind === 'http' && form.headers.trim()) {
    const { headers, problem } = parseHeaders(form.headers);
    if (problem) errors.credentials = problem;
    body.credentials = { headers };
  }
  return { body, errors };
}

/** Where a datastore points, in one line. */
export function placeText(store: { kind: DatastoreKind; path?: string; bucket?: string; prefix?: string; url?: string }): string {
  if (store.kind === 'local') return store.path ?? '';
  if (store.kind === 's3') return `s3://${store.bucket ?? ''}${store.prefix ? `/${store.prefix.replace(/^\/+/, '')}` : ''}`;
  return store.url ?? '';
}
