/**
 * "Versions": the pipeline's frozen versions (number, when, by whom), each opening read-only.
 * Fetched when the menu opens; Esc or a click outside closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { EntityId } from '../../api/models';
import { usePipelineVersions } from '../../api/pipelineVersions';
import { describeFailure, formatTime } from '../../shared/format';

function VersionList({ pipelineId, onPick }: { pipelineId: EntityId; onPick: () => void }) {
  const versions = usePipelineVersions(pipelineId);
  if (versions.isPending) return <p className="muted versions-menu-note">Loading versions…</p>;
  if (versions.isError) return <p className="form-error versions-menu-note">{describeFailure(versions.error)}</p>;
  if (versions.data.length === 0) {
    return <p className="muted versions-menu-note">No versions yet. Submitting or publishing the pipeline freezes one.</p>;
  }
  return (
    <ul className="versions-menu-list">
      {versions.data.map((version) => (
        <li key={version.number}>
          <Link to={`/pipelines/${encodeURIComponent(String(pipelineId))}/versions/${version.number}`} onClick={onPick}>
            <strong>v{version.number}</strong>
            <span className="muted">
              {formatTime(version.created_at)}
              {version.created_by ? ` · ${version.created_by}` : ''}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function VersionsMenu({ pipelineId }: { pipelineId: EntityId }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onClick = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="versions-menu" ref={root}>
      <button type="button" aria-expanded={open} aria-controls={`${id}-menu`} onClick={() => setOpen((value) => !value)}>
        Versions ▾
      </button>
      {open && (
        <div id={`${id}-menu`} className="versions-menu-popup" role="region" aria-label="Pipeline versions" data-testid="versions-menu">
          <p className="versions-menu-title">Frozen versions — open one read-only</p>
          <VersionList pipelineId={pipelineId} onPick={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
