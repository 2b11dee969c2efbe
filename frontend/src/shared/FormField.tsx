/**
 * A labelled form field: the label, the control (given the id and the aria attributes to put on
 * it), a hint, and the error that replaces the hint. Keeps every form's fields alike.
 */
import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FormFieldProps {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function FormField({ label, error, hint, className, children }: FormFieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error || hint ? noteId : undefined })}
      {error ? (
        <span id={noteId} className="form-error field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && (
          <span id={noteId} className="muted field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
