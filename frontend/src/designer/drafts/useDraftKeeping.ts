/**
 * Drafts that never lose work: while the document has unsaved changes, a copy goes to
 * localStorage shortly after each edit (and at once when the page is left), and the document is
 * saved to the server about a second after the last edit. A save conflict stops autosaving until
 * the user decides (Reload, or Save as a copy).
 */
import { useEffect } from 'react';
import { documentOf, selectIsDirty, useDocument } from '../document/documentStore';
import { useFeedback } from '../feedbackStore';
import { browserStorage, writeLocalDraft } from './localDrafts';

export const AUTOSAVE_MS = 1000;
export const KEEP_LOCAL_MS = 250;

export function keepLocalCopy(): void {
  const state = useDocument.getState();
  const storage = browserStorage();
  if (!state.draft || !storage || !selectIsDirty(state)) return;
  writeLocalDraft(storage, {
    pipelineId: String(state.draft.id),
    baseRevision: state.draft.revision,
    savedAt: new Date().toISOString(),
    document: documentOf(state.draft),
  });
}

export function useDraftKeeping(save: () => Promise<boolean>): void {
  useEffect(() => {
    let saveTimer: number | undefined;
    let keepTimer: number | undefined;

    const unsubscribe = useDocument.subscribe((state, previous) => {
      if (state.change === previous.change) return;
      if (!selectIsDirty(state)) return;
      window.clearTimeout(keepTimer);
      keepTimer = window.setTimeout(keepLocalCopy, KEEP_LOCAL_MS);
      window.clearTimeout(saveTimer);
      saveTimer = window.setTimeout(() => {
        if (!useFeedback.getState().conflict) void save();
      }, AUTOSAVE_MS);
    });

    const onLeave = () => keepLocalCopy();
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      unsubscribe();
      window.clearTimeout(saveTimer);
      window.clearTimeout(keepTimer);
      keepLocalCopy();
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [save]);
}
