/** Tags typed as one line ("sales, 2026, raw") and back. Pure. */

/** The tags of a comma-separated line: trimmed, without empties or repeats, in typed order. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}
