/**
 * Copy, paste and duplicate of the selected nodes, between the stores and the clipboards.
 *
 * A copy goes to localStorage and, through the browser's copy event, to the system clipboard,
 * as the JSON of `document/clipboard.ts`; a paste takes the system clipboard's content when it is
 * a Pipewright copy, else the last copy kept in localStorage. Either way a copy made in one
 * pipeline pastes into another.
 */
import { copyNodes, parseClipboard, serializeClipboard, type ClipboardData } from '../document/clipboard';
import { useDocument } from '../document/documentStore';
import { selectedNodeIds, useDesignerView } from '../viewStore';

export const CLIPBOARD_STORAGE_KEY = 'pipewright.clipboard';

function selection(): ClipboardData | null {
  const draft = useDocument.getState().draft;
  return draft ? copyNodes(draft, new Set(selectedNodeIds())) : null;
}

/** Copies the selection; returns the clipboard text, or null when nothing is selected. */
export function copySelection(): string | null {
  const data = selection();
  if (!data) return null;
  const text = serializeClipboard(data);
  try {
    window.localStorage.setItem(CLIPBOARD_STORAGE_KEY, text);
  } catch {
    // Storage unavailable: the system clipboard still gets the copy.
  }
  return text;
}

export function storedClipboard(): ClipboardData | null {
  try {
    return parseClipboard(window.localStorage.getItem(CLIPBOARD_STORAGE_KEY));
  } catch {
    return null;
  }
}

/** Pastes and selects the pasted nodes; returns their ids. */
export function pasteClipboard(data: ClipboardData | null): string[] {
  if (!data) return [];
  const measured = useDesignerView.getState().measured;
  const ids = useDocument.getState().paste(data, (id) => measured[id]);
  if (ids.length > 0) useDesignerView.getState().selectNodes(ids);
  return ids;
}

export function duplicateSelection(): string[] {
  return pasteClipboard(selection());
}
