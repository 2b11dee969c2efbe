/**
 * Undo/redo history of document snapshots. Pure: every function returns a new history.
 *
 * Each edit records the snapshot from *before* it. Edits that belong together (the frames of one
 * drag, the keystrokes typed into one field) share a group key; an edit whose group is the open
 * group, within the group's time window, adds no entry, so one drag or one burst of typing is
 * undone at once. Closing the group (a drag ended) makes the next edit start a new entry.
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
  /** The open group, if the last recorded edit had one. */
  readonly group: string | null;
  /** When the open group last recorded an edit (ms). */
  readonly groupAt: number;
}

export interface RecordOptions {
  group?: string | null;
  now: number;
  /** How long (ms) after its last edit a group stays open; Infinity until closed. */
  window?: number;
}

export const HISTORY_LIMIT = 200;
/** Typing pauses longer than this start a new undo entry. */
export const TYPING_WINDOW_MS = 1000;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], group: null, groupAt: 0 };
}

export function record<T>(history: History<T>, before: T, options: RecordOptions): History<T> {
  const { group = null, now, window = TYPING_WINDOW_MS } = options;
  if (group !== null && history.group === group && now - history.groupAt <= window) {
    return { ...history, future: [], groupAt: now };
  }
  const past = history.past.length >= HISTORY_LIMIT ? history.past.slice(1 - HISTORY_LIMIT) : history.past;
  return { past: [...past, before], future: [], group, groupAt: now };
}

export function closeGroup<T>(history: History<T>): History<T> {
  return history.group === null ? history : { ...history, group: null };
}

export interface Step<T> {
  history: History<T>;
  value: T;
}

/** The snapshot to go back to, given the current one; null when there is nothing to undo. */
export function undo<T>(history: History<T>, current: T): Step<T> | null {
  const value = history.past[history.past.length - 1];
  if (value === undefined) return null;
  return {
    value,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], group: null, groupAt: 0 },
  };
}

export function redo<T>(history: History<T>, current: T): Step<T> | null {
  const [value, ...future] = history.future;
  if (value === undefined) return null;
  return { value, history: { past: [...history.past, current], future, group: null, groupAt: 0 } };
}
