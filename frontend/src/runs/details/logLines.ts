/** What the log view shows of a node's lines: a search filter and a bounded tail. Pure. */
import type { LiveLogLine } from '../live/liveState';

/** Lines containing the query, case-insensitively; an empty query keeps all. */
export function filterLogLines(lines: readonly LiveLogLine[], query: string): readonly LiveLogLine[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return lines;
  return lines.filter((line) => line.line.toLowerCase().includes(needle));
}

/** The last `max` lines (the DOM stays small however long the log grows). */
export function tailLines(lines: readonly LiveLogLine[], max: number): readonly LiveLogLine[] {
  return lines.length > max ? lines.slice(lines.length - max) : lines;
}
