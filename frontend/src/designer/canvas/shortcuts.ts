/**
 * The designer's keyboard shortcuts: one table, read both by the key handler and by the help
 * overlay ("?"), so the help can never list a shortcut that does not exist. Pure.
 */

export type ShortcutAction =
  | 'save'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'bypass'
  | 'find'
  | 'layout'
  | 'fitView'
  | 'help'
  | 'menu'
  | 'escape';

export interface Shortcut {
  action: ShortcutAction;
  /** How the help shows it; "Mod" reads Ctrl, or ⌘ on a Mac. */
  keys: string[];
  description: string;
  /** Works even while typing in a field (e.g. save). */
  inFields?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'save', keys: ['Mod+S'], description: 'Save now (changes also save by themselves)', inFields: true },
  { action: 'undo', keys: ['Mod+Z'], description: 'Undo' },
  { action: 'redo', keys: ['Mod+Shift+Z', 'Ctrl+Y'], description: 'Redo' },
  { action: 'copy', keys: ['Mod+C'], description: 'Copy the selected nodes' },
  { action: 'paste', keys: ['Mod+V'], description: 'Paste nodes (also from another pipeline)' },
  { action: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected nodes' },
  { action: 'selectAll', keys: ['Mod+A'], description: 'Select every node' },
  { action: 'bypass', keys: ['Mod+B'], description: 'Bypass (disable) the selected nodes, or bring them back' },
  { action: 'find', keys: ['Mod+F'], description: 'Find a node by id, component or comment', inFields: true },
  { action: 'layout', keys: ['Shift+L'], description: 'Auto layout' },
  { action: 'fitView', keys: ['Shift+1'], description: 'Fit the whole pipeline in view' },
  { action: 'menu', keys: ['Shift+F10', 'Menu'], description: 'Open the menu of the selected node (run, bypass, duplicate…)' },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
  { action: 'escape', keys: ['Esc'], description: 'Close a dialog, or clear the selection', inFields: true },
];

/** Shortcuts that belong to the canvas itself (React Flow) and the mouse, for the help only. */
export const CANVAS_GESTURES: readonly { keys: string[]; description: string }[] = [
  { keys: ['Delete', 'Backspace'], description: 'Delete the selected nodes and connections' },
  { keys: ['Shift+drag'], description: 'Select the nodes in a box' },
  { keys: ['Shift+click', 'Mod+click'], description: 'Add a node to the selection' },
  { keys: ['Arrow keys'], description: 'Move the selected nodes' },
  { keys: ['Drag', 'Scroll'], description: 'Pan and zoom' },
  { keys: ['Right-click', '…'], description: "Open a node's menu" },
];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function isMac(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The action a key press asks for, or null. */
export function matchShortcut(event: KeyLike): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.altKey) return null;
  if (mod) {
    if (key === 's') return 'save';
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    if (event.shiftKey) return null;
    const plain: Record<string, ShortcutAction> = {
      c: 'copy',
      v: 'paste',
      d: 'duplicate',
      a: 'selectAll',
      b: 'bypass',
      f: 'find',
    };
    return plain[key] ?? null;
  }
  if (key === 'Escape') return 'escape';
  if (key === 'ContextMenu' || (event.shiftKey && key === 'F10')) return 'menu';
  if (key === '?') return 'help';
  if (event.shiftKey && (key === 'l' || event.code === 'KeyL')) return 'layout';
  if (event.shiftKey && event.code === 'Digit1') return 'fitView';
  return null;
}

/** A key combination as the help shows it on this platform. */
export function describeKeys(keys: string, mac = isMac()): string {
  return keys.replace(/Mod/g, mac ? '⌘' : 'Ctrl');
}
