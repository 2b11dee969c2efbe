/**
 * Submitting a pipeline that has parameters: a small dialog listing each parameter with its
 * default; what the user fills in overrides the default for this run only (sent as
 * `parameters` in the submit body). A pipeline without parameters is submitted directly.
 */
import { useState, type FormEvent } from 'react';
import type { JsonValue } from '../../api/models';
import { NO_PARAMETERS, useDocument } from '../document/documentStore';
import type { PipelineParamType } from '../document/pipelineParams';
import { formatValue } from '../inspector/paramValues';
import { useDesignerView } from '../viewStore';
import { ParamValueInput } from './ParamValueInput';

interface SubmitDialogProps {
  onSubmit: (parameters: Record<string, JsonValue>) => void;
  submitting: boolean;
}

export function SubmitDialog(props: SubmitDialogProps) {
  const open = useDesignerView((s) => s.overlay === 'submit');
  return open ? <SubmitForm {...props} /> : null;
}

function SubmitForm({ onSubmit, submitting }: SubmitDialogProps) {
  const parameters = useDocument((s) => s.draft?.parameters ?? NO_PARAMETERS);
  const [overrides, setOverrides] = useState<Record<string, JsonValue>>({});
  const close = () => useDesignerView.getState().open(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(overrides);
    close();
  };

  const setOverride = (name: string, value: JsonValue | undefined) => {
    const next = { ...overrides };
    if (value === undefined) delete next[name];
    else next[name] = value;
    setOverrides(next);
  };

  return (
    <div className="pw-dialog-backdrop" onClick={close}>
      <form
        className="pw-dialog submit-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="submit-dialog-title"
        onClick={(event) => event.stopPropagation()}
        onSubmit={submit}
        data-testid="submit-dialog"
      >
        <h2 id="submit-dialog-title">Submit a run</h2>
        <p className="muted">Leave a value empty to use the parameter’s default.</p>
        <table className="submit-params">
          <tbody>
            {Object.entries(parameters).map(([name, definition]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                  <span className="muted"> {definition.type}</span>
                  {definition.description && <p className="muted">{definition.description}</p>}
                </th>
                <td>
                  <ParamValueInput
                    label={`Value of ${name} for this run`}
                    type={definition.type as PipelineParamType}
                    value={name in overrides ? overrides[name] : definition.type === 'boolean' ? definition.default : undefined}
                    placeholder={`default: ${formatValue(definition.default)}`}
                    onValue={(value) => setOverride(name, value)}
                    testId={`submit-param-${name}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="pw-dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={submitting}>
            Submit run
          </button>
        </div>
      </form>
    </div>
  );
}
