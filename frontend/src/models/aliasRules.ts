/** An alias as typed ("@Production " → "production") and why one cannot be used. Pure. */

export function normalizeAlias(text: string): string {
  return text.trim().replace(/^@/, '');
}

/** Why this alias cannot be set, or null when it can; `latest` means the newest version already. */
export function aliasProblem(alias: string): string | null {
  if (alias === '') return 'Give the alias a name, e.g. production.';
  if (alias === 'latest') return '“latest” already means the newest version: choose another name.';
  if (/^\d+$/.test(alias)) return 'An alias cannot be a number: that would read as a version.';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(alias)) return 'Use letters, digits, - _ and . (no spaces), starting with a letter or digit.';
  return null;
}
