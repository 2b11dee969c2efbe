/** The token form as typed and as the API takes it; scopes in words. Pure. */
import type { ApiTokenKind, ApiTokenRequest } from '../api/models';

export const RUN_ENDPOINT_SCOPE = 'endpoint:run:';
export const SCORE_INFERENCE_SCOPE = 'inference:score:';

/** Everything; running one published endpoint; scoring rows on one real-time endpoint. */
export type TokenScope = 'all' | 'endpoint' | 'inference';

export interface TokenForm {
  name: string;
  kind: ApiTokenKind;
  scope: TokenScope;
  endpoint: string;
  /** The real-time endpoint a token scoped `inference` may score. */
  inference: string;
  /** A `date` input's text; the token works until the end of that day, in the browser's time. */
  expires: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = { name: '', kind: 'personal', scope: 'all', endpoint: '', inference: '', expires: '' };

/** The form a link asks for with `?scope=inference:score:<name>` (or `endpoint:run:<name>`). */
export function tokenFormForScope(scope: string | null): TokenForm | null {
  if (scope?.startsWith(SCORE_INFERENCE_SCOPE)) return { ...EMPTY_TOKEN_FORM, scope: 'inference', inference: scope.slice(SCORE_INFERENCE_SCOPE.length) };
  if (scope?.startsWith(RUN_ENDPOINT_SCOPE)) return { ...EMPTY_TOKEN_FORM, scope: 'endpoint', endpoint: scope.slice(RUN_ENDPOINT_SCOPE.length) };
  return null;
}

function scopesOf(form: TokenForm): string[] {
  if (form.scope === 'endpoint') return [`${RUN_ENDPOINT_SCOPE}${form.endpoint}`];
  if (form.scope === 'inference') return [`${SCORE_INFERENCE_SCOPE}${form.inference}`];
  return ['*'];
}

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
  if (form.scope === 'inference' && !form.inference) errors.scopes = 'Pick the real-time endpoint this token may score.';
  const body: ApiTokenRequest = {
    name: form.name.trim(),
    kind: form.kind,
    scopes: scopesOf(form),
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

function scopeWord(scope: string): string {
  if (scope === '*') return 'everything';
  if (scope.startsWith(RUN_ENDPOINT_SCOPE)) return `run endpoint ${scope.slice(RUN_ENDPOINT_SCOPE.length)}`;
  if (scope.startsWith(SCORE_INFERENCE_SCOPE)) return `score real-time endpoint ${scope.slice(SCORE_INFERENCE_SCOPE.length)}`;
  return scope;
}

/** `["*"]` → "everything"; `["endpoint:run:nightly"]` → "run endpoint nightly"; `["inference:score:x"]` → "score real-time endpoint x". */
export function scopeWords(scopes: readonly string[]): string {
  return scopes.map(scopeWord).join(', ');
}
