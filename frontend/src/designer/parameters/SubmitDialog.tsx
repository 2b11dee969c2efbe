/**
 * Submitting a run: the experiment to file it under (an existing one or a new name; empty uses
 * the pipeline's name), a description, tags, the pipeline parameters' values for this run, and
 * the run switches (force re-run, continue on failure). Parameter values get the same check as
 * the inspector (paramCheck.ts, mirroring the kernel), against every node field bound to them;
 * while any value does not fit, the dialog says where, inline, and does not submit.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useExperiments } from '../../api/experiments';
import type { JsonValue, SubmitRunRequest } from '../../api/models';
import { NO_PARAMETERS, useDocument } from '../document/documentStore';
import type { PipelineParamType } from '../document/pipelineParams';
import { formatValue } from '../inspector/paramValues';
import { useSpecs } from '../specsContext';
import { useDesignerView } from '../viewStore';
import { checkRunValues } from './paramCheck';
import { ParamValueInput } from './ParamValueInput';

interface SubmitDialogProps {
  onSubmit: (body: SubmitRunRequest) => void;
  submitting: boolean;
}

export function SubmitDialog(props: SubmitDialogProps) {
  const open = useDesignerView((s) => s.overlay === 'submit');
  return open ? <SubmitForm {...props} /> : null;
}

/** Tags typed as "a, b, c": trimmed, without blanks or repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

function SubmitForm({ onSubmit, submitting }: SubmitDialogProps) {
  const parameters = useDocument((s) => s.draft?.parameters ?? NO_PARAMETERS);
  const graph = useDocument((s) => s.draft?.graph);
  const pipelineName = useDocument((s) => s.draft?.name ?? '');
  const specs = useSpecs();
  const experiments = useExperiments();
  const [overrides, setOverrides] = useState<Record<string, JsonValue>>({});
  const [experiment, setExperiment] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [forceRerun, setForceRerun] = useState(false);
  const [continueOnFailure, setContinueOnFailure] = useState(false);
  const [tried, setTried] = useState(false);
  const close = () => useDesignerView.getState().open(null);

  const problems = useMemo(
    () => (graph ? checkRunValues(graph, parameters, overrides, (ref) => specs.get(ref)?.parameters) : {}),
    [graph, parameters, overrides, specs],
  );
  const problemCount = Object.values(problems).reduce((sum, list) => sum + list.length, 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problemCount > 0) return;
    // Only what differs from the server's defaults is sent.
    const body: SubmitRunRequest = {};
    if (experiment.trim()) body.experiment = experiment.trim();
    if (Object.keys(overrides).length > 0) body.parameters = overrides;
    if (forceRerun) body.force_rerun = true;
    if (continueOnFailure) body.continue_on_failure = true;
    if (description.trim()) body.description = description.trim();
    const tagList = parseTags(tags);
    if (tagList.length > 0) body.tags = tagList;
    onSubmit(body);
    close();
  };

  const setOverride = (name: string, value: JsonValue | undefined) => {
    const next = { ...overrides };
    if (value === undefined) delete next[name];
    else next[name] = value;
    setOverrides(next);
  };

  const names = (experiments.data ?? []).map((item) => item.name);
  return (
    <div className="pw-dialog-backdrop" onClick={close}>
      <form
        className="pw-dialog submit-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="submit-dialog-title"
        onClick={(event) => event.stopPropagation()}
        onSubmit={submit}
        noValidate
        data-testid="submit-dialog"
      >
        <h2 id="submit-dialog-title">Submit a run</h2>
        <div className="submit-fields">
          <label htmlFor="submit-experiment">Experiment</label>
          <div>
            <input
              id="submit-experiment"
              data-testid="submit-experiment"
              list="submit-experiments"
              value={experiment}
              placeholder={pipelineName || 'Default'}
              maxLength={200}
              onChange={(e) => setExperiment(e.target.value)}
            />
            <datalist id="submit-experiments">
              {names.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <p className="muted field-help">
              {experiment.trim() === ''
                ? `Empty files the run under “${pipelineName || 'Default'}”.`
                : names.includes(experiment.trim())
                  ? 'An existing experiment.'
                  : 'A new experiment is created.'}
            </p>
          </div>
          <label htmlFor="submit-description">Description</label>
          <textarea
            id="submit-description"
            data-testid="submit-description"
            rows={2}
            maxLength={2000}
            value={description}
            placeholder="What this run tries"
            onChange={(e) => setDescription(e.target.value)}
          />
          <label htmlFor="submit-tags">Tags</label>
          <input
            id="submit-tags"
            data-testid="submit-tags"
            value={tags}
            placeholder="comma-separated, like baseline, iris"
            onChange={(e) => setTags(e.target.value)}
          />
        </div>
        {Object.keys(parameters).length > 0 && (
          <>
            <h3>Parameters</h3>
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
                      {(problems[name] ?? []).map((problem) => (
                        <p key={problem} className="param-error" role="alert" data-testid={`submit-problem-${name}`}>
                          {problem}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <h3>Run settings</h3>
        <label className="submit-switch">
          <input type="checkbox" data-testid="submit-force-rerun" checked={forceRerun} onChange={(e) => setForceRerun(e.target.checked)} />
          Force re-run <span className="muted">— run every step again, reusing no earlier result</span>
        </label>
        <label className="submit-switch">
          <input
            type="checkbox"
            data-testid="submit-continue-on-failure"
            checked={continueOnFailure}
            onChange={(e) => setContinueOnFailure(e.target.checked)}
          />
          Continue on failure <span className="muted">— steps that do not depend on a failed step still run</span>
        </label>
        {tried && problemCount > 0 && (
          <p className="form-error" role="alert" data-testid="submit-refused">
            {problemCount === 1 ? 'One value does not fit' : `${problemCount} values do not fit`} the steps they feed; fix{' '}
            {problemCount === 1 ? 'it' : 'them'} to submit.
          </p>
        )}
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
