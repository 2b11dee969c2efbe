/**
 * Offered on opening a pipeline when the browser kept unsaved work from an earlier visit that
 * differs from the server copy: restore it (one undoable edit, then saved as usual) or discard it.
 */
import { useDocument } from '../document/documentStore';
import { useFeedback } from '../feedbackStore';
import { browserStorage, clearLocalDrafts } from './localDrafts';

export function DraftBanner() {
  const offer = useFeedback((s) => s.draftOffer);
  const revision = useDocument((s) => s.draft?.revision);
  if (!offer) return null;

  const dismiss = () => {
    const storage = browserStorage();
    if (storage) clearLocalDrafts(storage, offer.pipelineId);
    useFeedback.getState().offerDraft(null);
  };
  const restore = () => {
    useDocument.getState().edit(() => offer.document);
    useFeedback.getState().offerDraft(null);
    useFeedback.getState().notify('Restored your unsaved changes.', 'success');
  };
  const when = new Date(offer.savedAt).toLocaleString();
  const stale = revision !== undefined && offer.baseRevision < revision;

  return (
    <div className="draft-banner" role="alert" data-testid="draft-offer">
      <span>
        This browser kept unsaved changes to this pipeline from {when}.
        {stale &&
          ` They were made on revision ${offer.baseRevision}; the pipeline has changed since, and restoring replaces those changes.`}
      </span>
      <button type="button" className="primary" onClick={restore}>
        Restore unsaved changes
      </button>
      <button type="button" onClick={dismiss}>
        Discard
      </button>
    </div>
  );
}
