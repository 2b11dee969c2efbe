/**
 * The keyboard shortcut help, opened with "?": every entry of the shortcut table, plus the
 * canvas's own keys and mouse gestures.
 */
import { useDesignerView } from '../viewStore';
import { CANVAS_GESTURES, SHORTCUTS, describeKeys } from './shortcuts';

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((combo, index) => (
        <span key={combo}>
          {index > 0 && <span className="muted"> or </span>}
          <kbd>{describeKeys(combo)}</kbd>
        </span>
      ))}
    </>
  );
}

export function ShortcutHelp() {
  const open = useDesignerView((s) => s.overlay === 'help');
  if (!open) return null;
  const close = () => useDesignerView.getState().open(null);
  return (
    <div className="pw-dialog-backdrop" onClick={close}>
      <div
        className="pw-dialog shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        onClick={(event) => event.stopPropagation()}
        data-testid="shortcut-help"
      >
        <div className="pw-dialog-header">
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <button type="button" className="link-button" aria-label="Close shortcuts" onClick={close}>
            ×
          </button>
        </div>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.action}>
                <td>
                  <Keys keys={shortcut.keys} />
                </td>
                <td>{shortcut.description}</td>
              </tr>
            ))}
            {CANVAS_GESTURES.map((gesture) => (
              <tr key={gesture.description}>
                <td>
                  <Keys keys={gesture.keys} />
                </td>
                <td>{gesture.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
