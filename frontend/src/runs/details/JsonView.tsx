/**
 * A JSON output read inline: a tree whose objects and arrays fold (the top level and small
 * branches open, long lists closed), numbers to four significant digits with the exact value on
 * hover.
 */
import { useJsonArtifact } from '../../api/artifacts';
import type { EntityId } from '../../api/models';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatMetric } from '../../shared/format';

const OPEN_UP_TO = 12;

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'number') {
    return (
      <span className="json-number" title={String(value)}>
        {Number.isInteger(value) ? String(value) : formatMetric(value)}
      </span>
    );
  }
  if (typeof value === 'string') return <span className="json-string">"{value}"</span>;
  return <span className="json-literal">{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const key = name === null ? null : <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <li>
        {key}
        <Leaf value={value} />
      </li>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value as Record<string, unknown>);
  const size = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  const flatNumbers = Array.isArray(value) && value.every((item) => typeof item === 'number');
  return (
    <li>
      <details open={depth === 0 || (entries.length <= OPEN_UP_TO && !flatNumbers)}>
        <summary>
          {key}
          <span className="muted">{size}</span>
        </summary>
        {flatNumbers ? (
          <p className="json-numbers">{(value as number[]).map((item) => (Number.isInteger(item) ? item : formatMetric(item))).join(', ')}</p>
        ) : (
          <ul className="json-tree">
            {entries.map(([childName, child]) => (
              <Node key={childName} name={childName} value={child} depth={depth + 1} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

export function JsonTree({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <ul className="json-tree json-root" data-testid={testId}>
      <Node name={null} value={value} depth={0} />
    </ul>
  );
}

export function JsonView({ artifactId, port }: { artifactId: EntityId; port: string }) {
  const content = useJsonArtifact(artifactId);
  if (content.isPending) return <p className="muted">Loading…</p>;
  if (content.isError) return <ErrorMessage error={content.error} onRetry={() => void content.refetch()} />;
  return <JsonTree value={content.data} testId={`json-${port}`} />;
}
