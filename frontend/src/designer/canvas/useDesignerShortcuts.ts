/**
 * The designer's key handling: the shortcut table of `shortcuts.ts` turned into actions, and the
 * browser's copy/paste events for the system clipboard. Keys typed into a field stay the
 * field's (its own undo, copy and paste), except the few shortcuts marked `inFields`.
 * Must be used inside the ReactFlowProvider.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { parseClipboard } from '../document/clipboard';
import { useDocument } from '../document/documentStore';
import { selectedNodeIds, useDesignerView } from '../viewStore';
import { menuAtNode } from './NodeMenu';
import { copySelection, duplicateSelection, pasteClipboard, storedClipboard } from './clipboardActions';
import { matchShortcut, SHORTCUTS, type ShortcutAction } from './shortcuts';

interface Handlers {
  save: () => void;
  layout: () => void;
}

const IN_FIELDS = new Set(SHORTCUTS.filter((s) => s.inFields).map((s) => s.action));
// The browser fires its paste event right after the key; without one, use localStorage.
const PASTE_FALLBACK_MS = 80;

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return Boolean(selection && !selection.isCollapsed && selection.toString().trim() !== '');
}

export function useDesignerShortcuts(handlers: Handlers) {
  const { fitView } = useReactFlow();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    let pendingCopy: string | null = null;
    let pendingPaste: number | null = null;

    const run = (action: ShortcutAction, event: KeyboardEvent): boolean => {
      const view = useDesignerView.getState();
      const doc = useDocument.getState();
      switch (action) {
        case 'save':
          latest.current.save();
          return true;
        case 'undo':
          doc.undo();
          return true;
        case 'redo':
          doc.redo();
          return true;
        case 'copy':
          if (hasTextSelection()) return false;
          pendingCopy = copySelection();
          return false; // let the browser fire its copy event for the system clipboard
        case 'paste':
          pendingPaste = window.setTimeout(() => {
            pendingPaste = null;
            pasteClipboard(storedClipboard());
          }, PASTE_FALLBACK_MS);
          return false;
        case 'duplicate':
          duplicateSelection();
          return true;
        case 'selectAll':
          view.selectNodes(doc.draft?.graph.nodes.map((node) => node.id) ?? []);
          return true;
        case 'bypass':
          doc.toggleDisabled(Object.keys(view.selectedNodes));
          return true;
        case 'find':
          view.open('find');
          return true;
        case 'layout':
          latest.current.layout();
          return true;
        case 'fitView':
          void fitView({ padding: 0.15, duration: 250 });
          return true;
        case 'help':
          view.open(view.overlay === 'help' ? null : 'help');
          return true;
        case 'menu': {
          const nodeId = view.inspected && view.selectedNodes[view.inspected] ? view.inspected : selectedNodeIds()[0];
          const menu = nodeId ? menuAtNode(nodeId) : null;
          if (menu) view.openMenu(menu);
          return menu !== null;
        }
        case 'escape':
          if (view.menu) view.openMenu(null);
          else if (view.overlay) view.open(null);
          else if (!isEditable(event.target)) view.selectNodes([]);
          return false;
      }
    };

    const onKeyDown = (event: KeyboardEvent) => {
      pendingCopy = null;
      const action = matchShortcut(event);
      if (!action || event.defaultPrevented) return;
      if (isEditable(event.target) && !IN_FIELDS.has(action)) return;
      const overlay = useDesignerView.getState().overlay;
      // A dialog owns the keyboard, except for closing it.
      if ((overlay === 'help' || overlay === 'submit') && action !== 'escape' && action !== 'help') return;
      if (run(action, event)) event.preventDefault();
    };

    const onCopy = (event: ClipboardEvent) => {
      if (pendingCopy === null || isEditable(event.target)) return;
      event.clipboardData?.setData('text/plain', pendingCopy);
      event.preventDefault();
      pendingCopy = null;
    };

    const onPaste = (event: ClipboardEvent) => {
      if (pendingPaste === null || isEditable(event.target)) return;
      window.clearTimeout(pendingPaste);
      pendingPaste = null;
      event.preventDefault();
      pasteClipboard(parseClipboard(event.clipboardData?.getData('text/plain')) ?? storedClipboard());
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      if (pendingPaste !== null) window.clearTimeout(pendingPaste);
    };
  }, [fitView]);
}
