/**
 * An input for a pipeline parameter's value (its default, or an override at submit): a checkbox
 * for booleans, a number field for integers and numbers (invalid text is not stored and says
 * why), text otherwise. `undefined` means "empty".
 */
import { useState } from 'react';
import type { JsonValue } from '../../api/models';
import type { PipelineParamType } from '../document/pipelineParams';
import { formatValue, fromFieldValue } from '../inspector/paramValues';

interface ParamValueInputProps {
  label: string;
  type: PipelineParamType;
  value: JsonValue | undefined;
  onValue: (value: JsonValue | undefined) => void;
  placeholder?: string;
  testId?: string;
}

export function ParamValueInput({ label, type, value, onValue, placeholder, testId }: ParamValueInputProps) {
  const shown = formatValue(value);
  const [text, setText] = useState(shown);
  const [lastSeen, setLastSeen] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  if (shown !== lastSeen) {
    setLastSeen(shown);
    setText(shown);
    setError(null);
  }

  if (type === 'boolean') {
    return (
      <input type="checkbox" aria-label={label} data-testid={testId} checked={value === true} onChange={(e) => onValue(e.target.checked)} />
    );
  }

  const onText = (next: string) => {
    setText(next);
    const parsed = fromFieldValue({ type }, next);
    if (parsed.kind === 'invalid') {
      setError(parsed.message);
      return;
    }
    setError(null);
    const stored = parsed.kind === 'set' ? parsed.value : undefined;
    setLastSeen(formatValue(stored));
    onValue(stored);
  };

  const number = type === 'integer' || type === 'number';
  return (
    <span className="param-value-input">
      <input
        aria-label={label}
        data-testid={testId}
        type={number ? 'number' : 'text'}
        step={type === 'integer' ? 1 : number ? 'any' : undefined}
        aria-invalid={error ? true : undefined}
        placeholder={placeholder}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      {error && <span className="param-error">{error}</span>}
    </span>
  );
}
