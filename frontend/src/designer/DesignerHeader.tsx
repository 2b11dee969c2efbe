/**
 * The designer's header: editable pipeline name, save state, and the toolbar (undo/redo, auto
 * layout, find, shortcuts; versions; save, validate, submit, publish).
 */
import { Link } from 'react-router';
import { selectCanRedo, selectCanUndo, selectIsDirty, useDocument } from './document/documentStore';
import { useFeedback } from './feedbackStore';
import { useDesignerView } from './viewStore';
import { VersionsMenu } from './versions/VersionsMenu';

interface DesignerHeaderProps {
  pipelineId: string;
  onSave: () => void;
  onValidate: () => void;
  onSubmit: () => void;
  onLayout: () => void;
  saving: boolean;
  validating: boolean;
  submitting: boolean;
  layingOut: boolean;
}

function SaveState({ saving }: { saving: boolean }) {
  const dirty = useDocument(selectIsDirty);
  const conflict = useFeedback((s) => s.conflict !== null);
  const text = conflict ? 'Not saved (conflict)' : saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'Saved';
  return (
    <span className={`save-state ${dirty ? 'dirty' : 'clean'}`} data-testid="save-state" aria-live="polite">
      {text}
    </span>
  );
}

function HistoryButtons() {
  const canUndo = useDocument(selectCanUndo);
  const canRedo = useDocument(selectCanRedo);
  return (
    <>
      <button type="button" onClick={() => useDocument.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={() => useDocument.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </>
  );
}

export function DesignerHeader(props: DesignerHeaderProps) {
  const name = useDocument((s) => s.draft?.name ?? '');
  const rename = useDocument((s) => s.rename);
  const busy = props.saving || props.submitting;
  const open = useDesignerView((s) => s.open);

  return (
    <div className="designer-header">
      <Link to="/" className="muted back-link">
        ← Pipelines
      </Link>
      <input
        className="pipeline-name"
        aria-label="Pipeline name"
        value={name}
        onChange={(event) => rename(event.target.value)}
        maxLength={200}
      />
      <SaveState saving={props.saving} />
      <div className="toolbar" role="toolbar" aria-label="Canvas actions">
        <HistoryButtons />
        <button type="button" onClick={props.onLayout} disabled={props.layingOut} title="Auto layout (Shift+L)">
          Auto layout
        </button>
        <button type="button" onClick={() => open('find')} title="Find node (Ctrl+F)">
          Find
        </button>
        <button type="button" onClick={() => open('help')} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
      <div className="toolbar" role="toolbar" aria-label="Pipeline actions">
        <VersionsMenu pipelineId={props.pipelineId} />
        <button type="button" onClick={props.onSave} disabled={busy} title="Save (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={props.onValidate} disabled={props.validating}>
          Validate
        </button>
        <button type="button" className="primary" onClick={props.onSubmit} disabled={busy}>
          Submit
        </button>
        <button type="button" onClick={() => open('publish')} disabled={busy} title="Publish as an endpoint">
          Publish
        </button>
      </div>
    </div>
  );
}
