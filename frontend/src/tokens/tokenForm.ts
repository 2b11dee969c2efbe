/** The token form as typed and as the API takes it; scopes in words. Pure. */
import type { ApiTokenKind, ApiTokenRequest } from '../api/models';

export const RUN_ENDPOINT_SCOPE = 'endpoint:run:';

export interface TokenForm {
  name: string;
  kind: ApiTokenKind;
  scope: 'all' | 'endpoint';
  endpoint: string;
  /** A `date` input's text; the token works until the end of that day, in the browser's time. */
  expires: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = { name: '', kind: 'personal', scope: 'all', endpoint: '', expires: '' };

/** The end of a day in the browser's time zone, as an ISO instant; null for a text that is no date. */
export function endOfDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

export function tokenFormToBody(form: TokenForm, now: number): { body: ApiTokenRequest; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = 'Give the token a name, e.g. the script that will use it.';
  if (form.scope === 'endpoint' && !form.endpoint) errors.scopes = 'Pick the endpoint this token may run.';
  const body: ApiTokenRequest = {
    name: form.name.trim(),
    kind: form.kind,
    scopes: form.scope === 'all' ? ['*'] : [`${RUN_ENDPOINT_SCOPE}${form.endpoint}`],
    expires_at: null,
  };
  if (form.expires) {
    const end = endOfDay(form.expires);
    if (!end) errors.expires_at = 'A date.';
    else if (Date.parse(end) <= now) errors.expires_at = 'Pick a day from today on.';
    else body.expires_at = end;
  }
  return { body, errors };
}

/** `["*"]` → "everything"; `["endpoint:run:nightly"]` → "run endpoint nightly". */
export function scopeWords(scopes: readonly string[]): string {
  return scopes
    .map((scope) => (scope === '*' ? 'everything' : scope.startsWith(RUN_ENDPOINT_SCOPE) ? `run endpoint ${scope.slice(RUN_ENDPOINT_SCOPE.length)}` : scope))
    .join(', ');
}
