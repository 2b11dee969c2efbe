/**
 * A `code` parameter's field: the editor, resizable by its corner, an "Expand" button that opens
 * the same code in a large editor dialog, and a note when the code is empty. What is shown and
 * stored follows codeValue: an emptied editor stays empty, and typed text is kept as typed.
 */
import { lazy, Suspense, useEffect, useId, useState, type ReactNode } from 'react';
import type { JsonValue, ParamSpec } from '../../api/models';
import { codeProblem, codeTemplate, codeText, codeValue } from './codeValue';
import { placeholderFor } from './paramValues';

const CodeEditor = lazy(() => import('./CodeEditor'));
// Not the template itself: a grey copy of it in an emptied editor would look like it came back.
const EMPTY_WITH_TEMPLATE = 'Empty: write the code here, or Reset to start from the template';

interface CodeFieldProps {
  id: string;
  testId: string;
  name: string;
  spec: ParamSpec;
  value: JsonValue | undefined;
  onValue: (next: JsonValue | undefined) => void;
}

function Loading() {
  return <div className="code-editor muted">Loading editor…</div>;
}

function ExpandedEditor({ name, onClose, children }: { name: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    // Capture: the editor and the canvas must not take this Escape first.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="pw-dialog-backdrop" onClick={onClose}>
      <div
        className="pw-dialog code-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="code-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="code-dialog-header">
          <h2 id={titleId}>{name}</h2>
          <span className="muted">Changes apply as you type · Esc closes</span>
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

export function CodeField({ id, testId, name, spec, value, onValue }: CodeFieldProps) {
  const [expanded, setExpanded] = useState(false);
  const template = codeTemplate(spec);
  const text = codeText(value, template);
  const problem = codeProblem(value);
  const onChange = (next: string) => onValue(codeValue(next, template));
  const editor = (large: boolean) => (
    <Suspense fallback={<Loading />}>
      <CodeEditor
        id={large ? `${id}-large` : id}
        testId={large ? `${testId}-large` : testId}
        label={large ? `${name} (large editor)` : name}
        value={text}
        language={spec.language}
        placeholder={template ? EMPTY_WITH_TEMPLATE : placeholderFor(spec)}
        onChange={onChange}
        className={large ? 'code-editor code-editor-large' : 'code-editor code-editor-resizable'}
      />
    </Suspense>
  );
  return (
    <div className="code-field">
      <div className="code-field-tools">
        <button
          type="button"
          className="link-button"
          aria-label={`Expand the ${name} editor`}
          title="Open in a large editor"
          onClick={() => setExpanded(true)}
          data-testid={`expand-${name}`}
        >
          ⤢ Expand
        </button>
      </div>
      {editor(false)}
      {problem && (
        <p className="param-error" role="alert" data-testid={`code-problem-${name}`}>
          {problem}
        </p>
      )}
      {expanded && (
        <ExpandedEditor name={name} onClose={() => setExpanded(false)}>
          {editor(true)}
        </ExpandedEditor>
      )}
    </div>
  );
}
