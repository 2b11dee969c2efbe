/** A block of code or a command, with a copy button in its corner. */
import { CopyButton } from './CopyButton';

export function CodeBlock({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <div className="code-block" data-testid={testId}>
      <pre aria-label={label} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} testId={testId ? `${testId}-copy` : undefined} />
    </div>
  );
}
