/** How one reuse-key difference reads in the Reuse tab. Pure. */
import type { ReuseChange } from '../../api/models';

export interface ChangeText {
  what: string;
  before?: string;
  now?: string;
}

/** A key part's value; null is what the server sends for a parameter that was not set. */
function show(value: unknown): string {
  if (value === undefined || value === null) return '(unset)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function describeReuseChange(change: ReuseChange): ChangeText {
  switch (change.part) {
    case 'param':
      return { what: `parameter ${change.name ?? ''}`.trim(), before: show(change.before), now: show(change.now) };
    case 'input':
      return { what: `input ${change.name ?? ''} changed`.replace('  ', ' ') };
    case 'code':
      return { what: 'code changed' };
    case 'component':
      return { what: 'component', before: show(change.before), now: show(change.now) };
    case 'environment':
      return { what: 'environment changed' };
    default:
      return { what: `${change.part}${change.name ? ` ${change.name}` : ''} changed` };
  }
}
