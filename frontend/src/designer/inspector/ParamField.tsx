/**
 * One generated form field for a component parameter: the control for its type (see
 * paramControls and CodeEditor), the default as placeholder, inline validation, Reset, and
 * "Promote" to a pipeline parameter. A field bound to a pipeline parameter shows the binding
 * instead, and can switch to any parameter of a type it accepts.
 */
import { lazy, Suspense } from 'react';
import type { JsonValue, ParamSpec } from '../../api/models';
import { useDocument } from '../document/documentStore';
import { acceptedTypes, bindField, promoteField, promotedType } from '../document/pipelineParams';
import { useFeedback } from '../feedbackStore';
import {
  CheckboxControl,
  ChoiceControl,
  ColumnControl,
  ColumnsControl,
  EnumControl,
  TextControl,
  type ColumnChoices,
  type ParamChoice,
} from './paramControls';
import { controlFor, isBinding, placeholderFor } from './paramValues';

const CodeEditor = lazy(() => import('./CodeEditor'));

const UNKNOWN_COLUMNS: ColumnChoices = { status: 'unknown', names: [] };

interface ParamFieldProps {
  nodeId: string;
  name: string;
  spec: ParamSpec;
  value: JsonValue | undefined;
  /** For column parameters: the columns reaching the input (unknown when not given). */
  columns?: ColumnChoices;
  /** Values to pick from instead of typing (a source node's names and versions), when known. */
  choices?: readonly ParamChoice[];
  /** What another parameter's value asks of this one (a `required_if` rule), when it is unmet. */
  problem?: string;
}

function BindingField({ nodeId, name, spec, bound }: { nodeId: string; name: string; spec: ParamSpec; bound: string }) {
  const parameters = useDocument((s) => s.draft?.parameters);
  const edit = useDocument((s) => s.edit);
  const accepted: readonly string[] = acceptedTypes(spec);
  const choices = Object.entries(parameters ?? {})
    .filter(([, definition]) => accepted.includes(definition.type))
    .map(([paramName]) => paramName);
  if (!choices.includes(bound)) choices.unshift(bound);
  return (
    <div className="param-binding" data-testid={`param-${name}`} data-bound={bound}>
      <span>bound to</span>
      <select
        aria-label={`Pipeline parameter bound to ${name}`}
        value={bound}
        onChange={(e) => edit((doc) => bindField(doc, nodeId, name, e.target.value))}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      <button type="button" className="link-button" onClick={() => edit((doc) => bindField(doc, nodeId, name, null))}>
        Unbind
      </button>
    </div>
  );
}

function FieldControl({ nodeId, name, spec, value, columns, choices }: ParamFieldProps) {
  const setParam = useDocument((s) => s.setParam);
  const props = {
    id: `param-${nodeId}-${name}`,
    testId: `param-${name}`,
    spec,
    value,
    onValue: (next: JsonValue | undefined) => setParam(nodeId, name, next),
  };
  if (choices) return <ChoiceControl {...props} choices={choices} />;
  switch (spec.type) {
    case 'boolean':
      return <CheckboxControl {...props} />;
    case 'enum':
      return <EnumControl {...props} />;
    case 'column':
      return <ColumnControl {...props} columns={columns ?? UNKNOWN_COLUMNS} />;
    case 'columns':
      return <ColumnsControl {...props} columns={columns ?? UNKNOWN_COLUMNS} />;
    case 'code': {
      // The editor starts from the component's default code; text equal to it stores nothing.
      const template = typeof spec.default === 'string' ? spec.default : '';
      return (
        <Suspense fallback={<div className="code-editor muted">Loading editor…</div>}>
          <CodeEditor
            id={props.id}
            testId={props.testId}
            label={name}
            value={typeof value === 'string' ? value : template}
            language={spec.language}
            placeholder={placeholderFor(spec)}
            onChange={(text) => setParam(nodeId, name, text === '' || text === template ? undefined : text)}
          />
        </Suspense>
      );
    }
    default:
      return <TextControl {...props} />;
  }
}

export function ParamField(props: ParamFieldProps) {
  const { nodeId, name, spec, value } = props;
  const setParam = useDocument((s) => s.setParam);
  const edit = useDocument((s) => s.edit);
  const control = controlFor(spec);
  const bound = isBinding(value) ? value.$param : null;

  const promote = () => {
    let promoted: string | null = null;
    edit((doc) => {
      const result = promoteField(doc, nodeId, name, spec);
      promoted = result.name;
      return result.doc;
    });
    if (promoted) useFeedback.getState().notify(`${nodeId}.${name} is now pipeline parameter "${promoted}"`, 'success');
  };

  return (
    <div className={`param-field param-${control}`}>
      <div className="param-label-row">
        <label htmlFor={`param-${nodeId}-${name}`} className="param-label">
          {name}
          <span className="param-type muted">{spec.type}</span>
        </label>
        <span className="param-actions">
          {bound === null && promotedType(spec) && (
            <button
              type="button"
              className="link-button"
              title={`Make ${name} a pipeline parameter, with this value as its default`}
              onClick={promote}
              data-testid={`promote-${name}`}
            >
              Promote
            </button>
          )}
          {value !== undefined && bound === null && (
            <button
              type="button"
              className="link-button"
              aria-label={`Reset ${name} to default`}
              title="Use the default"
              onClick={() => setParam(nodeId, name, undefined)}
            >
              Reset
            </button>
          )}
        </span>
      </div>
      {bound !== null ? <BindingField nodeId={nodeId} name={name} spec={spec} bound={bound} /> : <FieldControl {...props} />}
      {props.problem && (
        <p className="param-error" role="alert" data-testid={`param-problem-${name}`}>
          {props.problem}
        </p>
      )}
      {spec.description && <p className="param-help muted">{spec.description}</p>}
    </div>
  );
}
