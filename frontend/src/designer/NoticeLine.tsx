/**
 * The designer's status line: a short message (why a connection was refused, a failed save…)
 * floating over the top of the canvas, so it never pushes the page down, and clearing itself
 * after a few seconds; and the banner of a save conflict, with its two ways
 * out: Reload, or Save as a copy.
 */
import { useEffect } from 'react';
import { useFeedback } from './feedbackStore';

const NOTICE_MS = 5000;

export function NoticeLine() {
  const notice = useFeedback((s) => s.notice);
  const dismiss = useFeedback((s) => s.dismissNotice);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => dismiss(notice.id), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice, dismiss]);

  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
      {notice.text}
      <button type="button" className="link-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

interface ConflictBannerProps {
  onReload: () => void;
  onSaveCopy: () => void;
  busy: boolean;
}

export function ConflictBanner({ onReload, onSaveCopy, busy }: ConflictBannerProps) {
  const conflict = useFeedback((s) => s.conflict);
  if (!conflict) return null;
  return (
    <div className="conflict-banner" role="alert" data-testid="save-conflict">
      <span>
        This pipeline was changed elsewhere{conflict.revision != null ? ` (now at revision ${conflict.revision})` : ''}, so
        your changes here were not saved. Reload to get the latest version (your changes here are dropped), or save your
        version as a new pipeline.
      </span>
      <button type="button" onClick={onReload} disabled={busy}>
        Reload
      </button>
      <button type="button" onClick={onSaveCopy} disabled={busy}>
        Save as a copy
      </button>
    </div>
  );
}
