/** One input per parameter, prefilled with its default; booleans as checkboxes. */
import { useId } from 'react';
import type { EndpointParameter } from '../api/models';
import type { ParamTexts } from './paramForm';

interface ParamInputsProps {
  parameters: readonly EndpointParameter[];
  texts: ParamTexts;
  errors: Record<string, string>;
  onChange: (name: string, text: string) => void;
}

export function ParamInputs({ parameters, texts, errors, onChange }: ParamInputsProps) {
  const id = useId();
  if (parameters.length === 0) return <p className="muted">No parameters to set.</p>;
  return (
    <div className="param-inputs">
      {parameters.map((parameter) => {
        const inputId = `${id}-${parameter.name}`;
        const error = errors[parameter.name];
        const text = texts[parameter.name] ?? '';
        return (
          <div className="field" key={parameter.name}>
            <label htmlFor={inputId}>
              <code>{parameter.name}</code> <span className="muted">{parameter.type}</span>
            </label>
            {parameter.type === 'boolean' ? (
              <input
                id={inputId}
                type="checkbox"
                checked={text === 'true'}
                onChange={(event) => onChange(parameter.name, event.target.checked ? 'true' : 'false')}
              />
            ) : (
              <input
                id={inputId}
                value={text}
                inputMode={parameter.type === 'integer' || parameter.type === 'number' ? 'decimal' : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${inputId}-error` : undefined}
                onChange={(event) => onChange(parameter.name, event.target.value)}
              />
            )}
            {error && (
              <span id={`${inputId}-error`} className="form-error field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
