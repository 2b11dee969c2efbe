import { describe, expect, it } from 'vitest';
import { describeKeys, matchShortcut, SHORTCUTS, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('maps key presses to actions, with Ctrl or Cmd', () => {
    expect(matchShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(key('y', { ctrlKey: true }))).toBe('redo');
    expect(matchShortcut(key('c', { metaKey: true }))).toBe('copy');
    expect(matchShortcut(key('v', { ctrlKey: true }))).toBe('paste');
    expect(matchShortcut(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(matchShortcut(key('f', { ctrlKey: true }))).toBe('find');
    expect(matchShortcut(key('b', { ctrlKey: true }))).toBe('bypass');
    expect(matchShortcut(key('?', { shiftKey: true }))).toBe('help');
    expect(matchShortcut(key('L', { shiftKey: true }))).toBe('layout');
    expect(matchShortcut(key('!', { shiftKey: true, code: 'Digit1' }))).toBe('fitView');
    expect(matchShortcut(key('Escape'))).toBe('escape');
    expect(matchShortcut(key('F10', { shiftKey: true }))).toBe('menu');
    expect(matchShortcut(key('ContextMenu'))).toBe('menu');
    expect(matchShortcut(key('F10'))).toBeNull();
  });

  it('ignores plain typing and Alt combinations', () => {
    expect(matchShortcut(key('z'))).toBeNull();
    expect(matchShortcut(key('c', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(matchShortcut(key('c', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('lists every action once in the help, shown for the platform', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(describeKeys('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(describeKeys('Mod+Z', true)).toBe('⌘+Z');
  });
});
