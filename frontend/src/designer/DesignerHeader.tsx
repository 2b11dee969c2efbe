/**
 * The designer's header: editable pipeline name, save state, and the Save / Validate / Submit
 * toolbar.
 */
import { Link } from 'react-router';
import { selectIsDirty, useDocument } from './documentStore';

interface DesignerHeaderProps {
  onSave: () => void;
  onValidate: () => void;
  onSubmit: () => void;
  saving: boolean;
  validating: boolean;
  submitting: boolean;
}

function SaveState({ saving }: { saving: boolean }) {
  const dirty = useDocument(selectIsDirty);
  const text = saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'Saved';
  return (
    <span className={`save-state ${dirty ? 'dirty' : 'clean'}`} data-testid="save-state" aria-live="polite">
      {text}
    </span>
  );
}

export function DesignerHeader(props: DesignerHeaderProps) {
  const name = useDocument((s) => s.draft?.name ?? '');
  const rename = useDocument((s) => s.rename);
  const busy = props.saving || props.submitting;

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
      <div className="toolbar" role="toolbar" aria-label="Pipeline actions">
        <button type="button" onClick={props.onSave} disabled={busy} title="Save (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={props.onValidate} disabled={props.validating}>
          Validate
        </button>
        <button type="button" className="primary" onClick={props.onSubmit} disabled={busy}>
          Submit
        </button>
      </div>
    </div>
  );
}
