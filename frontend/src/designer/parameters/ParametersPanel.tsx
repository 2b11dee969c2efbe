/**
 * The pipeline's parameters: define them (name, type, default, description), see which node
 * fields each one feeds, rename (bindings follow) and remove (bound fields keep its default as
 * their own value). Every change is one undoable document edit.
 */
import { useState, type FormEvent } from 'react';
import type { JsonValue, PipelineParameter } from '../../api/models';
import { NO_PARAMETERS, useDocument } from '../document/documentStore';
import { EMPTY_GRAPH } from '../document/graphEdits';
import {
  addParameter,
  bindingsOf,
  defaultFor,
  PARAM_NAME,
  PIPELINE_PARAM_TYPES,
  removeParameter,
  renameParameter,
  updateParameter,
  type PipelineParamType,
} from '../document/pipelineParams';
import { ParamValueInput } from './ParamValueInput';
import { PipelineSettings } from './PipelineSettings';

function nameProblem(name: string, taken: Record<string, unknown>, current?: string): string | null {
  if (!PARAM_NAME.test(name)) return 'Use letters, digits and _, not starting with a digit';
  if (name !== current && name in taken) return `There is already a parameter "${name}"`;
  return null;
}

function ParameterRow({ name, definition }: { name: string; definition: PipelineParameter }) {
  const edit = useDocument((s) => s.edit);
  const parameters = useDocument((s) => s.draft?.parameters ?? NO_PARAMETERS);
  const uses = useDocument((s) => bindingsOf(s.draft?.graph ?? EMPTY_GRAPH, name).join(', '));
  const [draftName, setDraftName] = useState(name);
  const problem = draftName === name ? null : nameProblem(draftName, parameters, name);
  const type = definition.type as PipelineParamType;

  const commitName = () => {
    if (draftName === name) return;
    if (problem) {
      setDraftName(name);
      return;
    }
    edit((doc) => renameParameter(doc, name, draftName));
  };

  const changeType = (next: PipelineParamType) =>
    edit((doc) => updateParameter(doc, name, { type: next, default: defaultFor(next) }));

  return (
    <li className="pipeline-param" data-testid={`pipeline-param-${name}`}>
      <div className="pipeline-param-head">
        <input
          aria-label={`Name of parameter ${name}`}
          className="pipeline-param-name"
          value={draftName}
          onChange={(e) => setDraftName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => e.key === 'Enter' && commitName()}
        />
        <select aria-label={`Type of parameter ${name}`} value={type} onChange={(e) => changeType(e.target.value as PipelineParamType)}>
          {PIPELINE_PARAM_TYPES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="link-button"
          aria-label={`Remove parameter ${name}`}
          onClick={() => edit((doc) => removeParameter(doc, name))}
        >
          Remove
        </button>
      </div>
      {problem && <p className="param-error">{problem}</p>}
      <label className="pipeline-param-field">
        <span>default</span>
        <ParamValueInput
          label={`Default of parameter ${name}`}
          type={type}
          value={definition.default}
          onValue={(value: JsonValue | undefined) =>
            edit((doc) => updateParameter(doc, name, { default: value ?? defaultFor(type) }), { group: `pdefault:${name}` })
          }
          testId={`pipeline-param-default-${name}`}
        />
      </label>
      <label className="pipeline-param-field">
        <span>description</span>
        <input
          aria-label={`Description of parameter ${name}`}
          value={definition.description ?? ''}
          onChange={(e) => edit((doc) => updateParameter(doc, name, { description: e.target.value }), { group: `pdesc:${name}` })}
        />
      </label>
      <p className="muted pipeline-param-uses">{uses ? `Feeds ${uses}` : 'Not bound to any node field yet'}</p>
    </li>
  );
}

function AddParameter() {
  const edit = useDocument((s) => s.edit);
  const parameters = useDocument((s) => s.draft?.parameters ?? NO_PARAMETERS);
  const [name, setName] = useState('');
  const [type, setType] = useState<PipelineParamType>('string');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found = nameProblem(trimmed, parameters);
    setProblem(found);
    if (found) return;
    edit((doc) => addParameter(doc, trimmed, { type, default: defaultFor(type), description: '' }));
    setName('');
  };

  return (
    <form className="add-parameter" onSubmit={submit}>
      <input aria-label="New parameter name" placeholder="new parameter name" value={name} onChange={(e) => setName(e.target.value)} />
      <select aria-label="New parameter type" value={type} onChange={(e) => setType(e.target.value as PipelineParamType)}>
        {PIPELINE_PARAM_TYPES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit">Add parameter</button>
      {problem && <p className="param-error">{problem}</p>}
    </form>
  );
}

export function ParametersPanel() {
  const parameters = useDocument((s) => s.draft?.parameters ?? NO_PARAMETERS);
  const entries = Object.entries(parameters);
  return (
    <div className="parameters-panel" data-testid="parameters-panel">
      <PipelineSettings />
      <h2>Pipeline parameters</h2>
      <p className="muted">
        Values chosen at submit time. Bind a node field to one with “Promote”, or pick one in a bound field.
      </p>
      {entries.length === 0 && <p className="muted">No parameters yet.</p>}
      <ul className="pipeline-params">
        {entries.map(([name, definition]) => (
          <ParameterRow key={name} name={name} definition={definition} />
        ))}
      </ul>
      <AddParameter />
    </div>
  );
}
