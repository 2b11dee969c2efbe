import { describe, expect, it } from 'vitest';
import { closeGroup, emptyHistory, HISTORY_LIMIT, record, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes snapshots in order', () => {
    let h = emptyHistory<string>();
    h = record(h, 'a', { now: 0 });
    h = record(h, 'b', { now: 1 });
    const back = undo(h, 'c')!;
    expect(back.value).toBe('b');
    const back2 = undo(back.history, 'b')!;
    expect(back2.value).toBe('a');
    expect(undo(back2.history, 'a')).toBeNull();
    const forward = redo(back2.history, 'a')!;
    expect(forward.value).toBe('b');
    expect(redo(forward.history, 'b')!.value).toBe('c');
  });

  it('a new edit drops what could be redone', () => {
    let h = record(emptyHistory<string>(), 'a', { now: 0 });
    h = undo(h, 'b')!.history;
    expect(h.future).toEqual(['b']);
    h = record(h, 'a', { now: 5 });
    expect(h.future).toEqual([]);
  });

  it('merges edits of one group within its window into one entry', () => {
    let h = emptyHistory<number>();
    h = record(h, 0, { group: 'typing', now: 0 });
    h = record(h, 1, { group: 'typing', now: 400 });
    h = record(h, 2, { group: 'typing', now: 800 });
    expect(h.past).toEqual([0]);
    h = record(h, 3, { group: 'typing', now: 5000 });
    expect(h.past).toEqual([0, 3]);
    h = record(h, 4, { group: 'other', now: 5001 });
    expect(h.past).toEqual([0, 3, 4]);
  });

  it('keeps a gesture open until it is closed', () => {
    let h = emptyHistory<number>();
    h = record(h, 0, { group: 'drag', window: Infinity, now: 0 });
    h = record(h, 1, { group: 'drag', window: Infinity, now: 60_000 });
    expect(h.past).toEqual([0]);
    h = closeGroup(h);
    h = record(h, 2, { group: 'drag', window: Infinity, now: 60_001 });
    expect(h.past).toEqual([0, 2]);
  });

  it('keeps at most the limit of entries', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 10; i += 1) h = record(h, i, { now: i });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
