/** The parameters a node run actually ran with: defaults, node values and pipeline bindings resolved. */
import { paramText } from '../paramText';

function text(value: unknown): string {
  return value === null || value === undefined ? '—' : paramText(value, null);
}

export function ParamsTab({ params }: { params: Readonly<Record<string, unknown>> | undefined }) {
  const entries = Object.entries(params ?? {});
  if (entries.length === 0) return <p className="muted">This node has no parameters.</p>;
  return (
    <table className="data-table compact" data-testid="node-params">
      <thead>
        <tr>
          <th>Parameter</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name} data-testid={`param-${name}`}>
            <td>{name}</td>
            <td>
              <code>{text(value)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
