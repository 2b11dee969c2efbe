/**
 * One generated form field for a component parameter. Shows the node's value (or the default as
 * placeholder), stores what the user enters, and removes the key when the field is emptied.
 */
import { useState } from 'react';
import type { JsonValue, ParamSpec } from '../api/types';
import { useDocument } from './documentStore';
import { controlFor, fromFieldValue, isBinding, placeholderFor, toFieldValue } from './paramValues';

interface ParamFieldProps {
  nodeId: string;
  name: string;
  spec: ParamSpec;
  value: JsonValue | undefined;
}

export function ParamField({ nodeId, name, spec, value }: ParamFieldProps) {
  const setParam = useDocument((s) => s.setParam);
  const fieldId = `param-${nodeId}-${name}`;
  const control = controlFor(spec);
  const shown = toFieldValue(spec, value);
  const shownText = typeof shown === 'string' ? shown : '';

  // Text being typed stays as typed ("0." or "a, "); it follows the stored value only when that
  // changes from elsewhere (reload, reset), i.e. differs from what this field last wrote.
  const [text, setText] = useState(shownText);
  const [lastWritten, setLastWritten] = useState(shownText);
  const [error, setError] = useState<string | null>(null);
  if (shownText !== lastWritten) {
    setLastWritten(shownText);
    setText(shownText);
    setError(null);
  }

  const commit = (raw: string | boolean) => {
    const parsed = fromFieldValue(spec, raw);
    if (parsed.kind === 'invalid') {
      setError(parsed.message);
      return;
    }
    setError(null);
    const stored = parsed.kind === 'set' ? parsed.value : undefined;
    const written = toFieldValue(spec, stored);
    setLastWritten(typeof written === 'string' ? written : '');
    setParam(nodeId, name, stored);
  };

  const onText = (next: string) => {
    setText(next);
    commit(next);
  };

  const label = (
    <label htmlFor={fieldId} className="param-label">
      {name}
      <span className="param-type muted">{spec.type}</span>
    </label>
  );

  if (isBinding(value)) {
    return (
      <div className="param-field">
        {label}
        <div className="param-binding" id={fieldId} data-testid={`param-${name}`}>
          bound to pipeline parameter <code>{value.$param}</code>
          <button type="button" className="link-button" onClick={() => setParam(nodeId, name, undefined)}>
            Unbind
          </button>
        </div>
      </div>
    );
  }

  const common = { id: fieldId, 'data-testid': `param-${name}`, 'aria-invalid': error ? true : undefined };
  let input;
  switch (control) {
    case 'checkbox':
      input = <input {...common} type="checkbox" checked={shown === true} onChange={(e) => commit(e.target.checked)} />;
      break;
    case 'select':
      input = (
        <select {...common} value={shownText} onChange={(e) => commit(e.target.value)}>
          <option value="">{placeholderFor(spec)}</option>
          {(spec.values ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'textarea':
      input = (
        <textarea
          {...common}
          rows={6}
          spellCheck={false}
          className="code-input"
          placeholder={placeholderFor(spec)}
          value={text}
          onChange={(e) => onText(e.target.value)}
        />
      );
      break;
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          min={spec.min ?? undefined}
          max={spec.max ?? undefined}
          step={spec.type === 'integer' ? 1 : 'any'}
          placeholder={placeholderFor(spec)}
          value={text}
          onChange={(e) => onText(e.target.value)}
        />
      );
      break;
    default:
      input = (
        <input
          {...common}
          type="text"
          placeholder={spec.type === 'columns' ? `${placeholderFor(spec)} (comma-separated)` : placeholderFor(spec)}
          value={text}
          onChange={(e) => onText(e.target.value)}
        />
      );
  }

  return (
    <div className={`param-field param-${control}`}>
      {label}
      <div className="param-control">
        {input}
        {value !== undefined && (
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
      </div>
      {spec.description && <p className="param-help muted">{spec.description}</p>}
      {error && <p className="param-error">{error}</p>}
    </div>
  );
}
