/**
 * The rule for names people choose and pipelines type — datasets, models, aliases (the server's
 * NAME_PATTERN) — checked before asking the server. Pure.
 */

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Why `name` cannot name a `what` ("dataset", "model", "alias"), or null when it can. */
export function nameProblem(name: string, what: string): string | null {
  if (name === '') return `Give the ${what} a name.`;
  if (name.length > 64) return 'At most 64 characters.';
  if (/[^A-Za-z0-9_-]/.test(name)) return 'Use only lower-case letters, digits, - and _ (no spaces).';
  if (/[A-Z]/.test(name)) return 'Use lower-case letters only.';
  if (!NAME.test(name)) return 'Start with a lower-case letter or a digit.';
  return null;
}
