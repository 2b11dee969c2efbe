/** A time zone input that suggests every IANA name as you type (the browser's list). */
import { useMemo } from 'react';
import type { ControlProps } from '../shared/FormField';
import { timeZoneNames } from './timingWords';

interface TimeZoneInputProps extends ControlProps {
  value: string;
  onChange: (value: string) => void;
}

export function TimeZoneInput({ value, onChange, ...control }: TimeZoneInputProps) {
  const names = useMemo(() => timeZoneNames(), []);
  const listId = `${control.id}-zones`;
  return (
    <>
      <input {...control} list={listId} value={value} autoComplete="off" spellCheck={false} placeholder="e.g. Europe/Berlin" onChange={(event) => onChange(event.target.value)} />
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
