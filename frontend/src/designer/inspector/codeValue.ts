/**
 * What a `code` parameter's editor shows and what it stores. Pure.
 *
 * Unset (no key on the node) shows the component's template, which is what runs. Any other text
 * is stored exactly as written, the empty text included: an emptied editor stays empty (the
 * kernel then reports the empty code), and text typed after clearing is never merged with the
 * template. Text equal to the template stores nothing, so the node keeps following the default.
 */
import type { JsonValue, ParamSpec } from '../../api/models';

export function codeTemplate(spec: Pick<ParamSpec, 'default'>): string {
  return typeof spec.default === 'string' ? spec.default : '';
}

/** The editor's text for a stored value. */
export function codeText(value: JsonValue | undefined, template: string): string {
  return typeof value === 'string' ? value : template;
}

/** The value to store for the editor's text (undefined: remove the key, the template applies). */
export function codeValue(text: string, template: string): string | undefined {
  return text === template && template !== '' ? undefined : text;
}

/** Why a code value cannot run, or null: blank code is refused, never replaced by the template. */
export function codeProblem(value: JsonValue | undefined): string | null {
  if (typeof value === 'string' && value.trim() === '') return 'The code is empty: write it, or Reset to use the template.';
  return null;
}
