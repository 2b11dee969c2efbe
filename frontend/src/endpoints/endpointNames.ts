/** The endpoint name rule (the server's NAME_PATTERN), checked before asking the server. Pure. */

export const ENDPOINT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Why a name cannot be an endpoint's, or null when it can. */
export function endpointNameProblem(name: string): string | null {
  if (name === '') return 'Give the endpoint a name.';
  if (name.length > 64) return 'At most 64 characters.';
  if (/[^A-Za-z0-9_-]/.test(name)) return 'Use only lower-case letters, digits, - and _ (no spaces).';
  if (/[A-Z]/.test(name)) return 'Use lower-case letters only.';
  if (!ENDPOINT_NAME.test(name)) return 'Start with a lower-case letter or a digit.';
  return null;
}
