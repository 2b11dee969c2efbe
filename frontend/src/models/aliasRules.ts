/** An alias as typed ("@production " → "production") and why one cannot be used. Pure. */
import { nameProblem } from '../shared/names';

export function normalizeAlias(text: string): string {
  return text.trim().replace(/^@/, '');
}

/** Why this alias cannot be set, or null when it can; `latest` and numbers would read as versions. */
export function aliasProblem(alias: string): string | null {
  if (alias === 'latest') return '“latest” already means the newest version: choose another name.';
  if (/^\d+$/.test(alias)) return 'An alias cannot be a number: that would read as a version.';
  return nameProblem(alias, 'alias');
}
