/**
 * The input controls of a parameter field, one per kind of value: typed text (numbers, strings,
 * column names when the columns are unknown), a checkbox, a select of enum values, a select of
 * the columns that reach the input, a checklist of them for `columns`, and a select of choices
 * the inspector knows (a registered dataset's versions, say).
 * Each calls `onValue` with what to store (undefined = no value, the default applies).
 */
import { useState } from 'react';
import type { JsonValue, ParamSpec } from '../../api/models';
import { fromFieldValue, placeholderFor, toFieldValue } from './paramValues';

/** The columns known to reach the parameter's input ("loading" until the first answer). */
export interface ColumnChoices {
  status: 'loading' | 'known' | 'unknown';
  names: readonly string[];
}

interface ControlProps {
  id: string;
  testId: string;
  spec: ParamSpec;
  value: JsonValue | undefined;
  onValue: (value: JsonValue | undefined) => void;
}

/**
 * Text typed stays as typed ("0." or "a, "); it follows the stored value only when that changes
 * from elsewhere (undo, reset), i.e. differs from what this field last wrote. An invalid entry
 * is not stored; the message says why.
 */
export function TextControl({ id, testId, spec, value, onValue, columns }: ControlProps & { columns?: ColumnChoices }) {
  const shown = toFieldValue(spec, value);
  const shownText = typeof shown === 'string' ? shown : '';
  const [text, setText] = useState(shownText);
  const [lastWritten, setLastWritten] = useState(shownText);
  const [error, setError] = useState<string | null>(null);
  if (shownText !== lastWritten) {
    setLastWritten(shownText);
    setText(shownText);
    setError(null);
  }

  const onText = (next: string) => {
    setText(next);
    const parsed = fromFieldValue(spec, next);
    if (parsed.kind === 'invalid') {
      setError(parsed.message);
      return;
    }
    setError(null);
    const stored = parsed.kind === 'set' ? parsed.value : undefined;
    const written = toFieldValue(spec, stored);
    setLastWritten(typeof written === 'string' ? written : '');
    onValue(stored);
  };

  const number = spec.type === 'integer' || spec.type === 'number';
  const placeholder = spec.type === 'columns' ? `${placeholderFor(spec)} (comma-separated)` : placeholderFor(spec);
  return (
    <>
      <input
        id={id}
        data-testid={testId}
        data-columns={columns?.status}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        type={number ? 'number' : 'text'}
        min={number ? (spec.min ?? undefined) : undefined}
        max={number ? (spec.max ?? undefined) : undefined}
        step={number ? (spec.type === 'integer' ? 1 : 'any') : undefined}
        placeholder={columns?.status === 'loading' ? 'Loading columns…' : placeholder}
        disabled={columns?.status === 'loading'}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      {error && (
        <p className="param-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function CheckboxControl({ id, testId, spec, value, onValue }: ControlProps) {
  return (
    <input
      id={id}
      data-testid={testId}
      type="checkbox"
      checked={toFieldValue(spec, value) === true}
      onChange={(e) => onValue(e.target.checked)}
    />
  );
}

function Select({ id, testId, spec, value, onValue, options, columns }: ControlProps & { options: readonly string[]; columns?: ColumnChoices }) {
  const current = typeof value === 'string' ? value : '';
  const extra = current !== '' && !options.includes(current);
  return (
    <select
      id={id}
      data-testid={testId}
      data-columns={columns?.status}
      value={current}
      onChange={(e) => onValue(e.target.value === '' ? undefined : e.target.value)}
    >
      <option value="">{placeholderFor(spec)}</option>
      {extra && <option value={current}>{current} (not in the input)</option>}
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}

/** A fixed choice offered for a parameter, with the words that show it. */
export interface ParamChoice {
  value: string;
  label: string;
}

/** A select of the given choices; a stored value among none of them stays, marked as such. */
export function ChoiceControl({ id, testId, value, onValue, choices }: ControlProps & { choices: readonly ParamChoice[] }) {
  const current = typeof value === 'string' ? value : '';
  const known = choices.some((choice) => choice.value === current);
  return (
    <select id={id} data-testid={testId} value={current} onChange={(e) => onValue(e.target.value === '' ? undefined : e.target.value)}>
      {current === '' && <option value="">Choose…</option>}
      {current !== '' && !known && <option value={current}>{current} (not found)</option>}
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

export function EnumControl(props: ControlProps) {
  return <Select {...props} options={props.spec.values ?? []} />;
}

export function ColumnControl(props: ControlProps & { columns: ColumnChoices }) {
  if (props.columns.status !== 'known') return <TextControl {...props} />;
  return <Select {...props} options={props.columns.names} />;
}

/** A checklist of the input's columns; the stored list keeps the order they were ticked in. */
export function ColumnsControl(props: ControlProps & { columns: ColumnChoices }) {
  const { id, testId, value, onValue, columns } = props;
  if (columns.status !== 'known') return <TextControl {...props} />;
  const chosen = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const names = [...columns.names, ...chosen.filter((name) => !columns.names.includes(name))];
  const toggle = (name: string, on: boolean) => {
    const next = on ? [...chosen.filter((item) => item !== name), name] : chosen.filter((item) => item !== name);
    onValue(next.length === 0 ? undefined : next);
  };
  return (
    <div className="column-checklist" id={id} data-testid={testId} data-columns="known" role="group">
      <div className="column-checklist-actions">
        <button type="button" className="link-button" onClick={() => onValue([...columns.names])}>
          All
        </button>
        <button type="button" className="link-button" onClick={() => onValue(undefined)}>
          None
        </button>
        <span className="muted">{chosen.length} chosen</span>
      </div>
      <ul>
        {names.map((name) => (
          <li key={name}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={(e) => toggle(name, e.target.checked)}
                data-testid={`${testId}-col-${name}`}
              />
              {name}
              {!columns.names.includes(name) && <span className="muted"> (not in the input)</span>}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
