/** The columns a caller sends and their types; a column a refusal named is flagged. */
import type { InferenceEndpoint } from '../api/models';

export function InputSchema({ schema, flagged }: { schema: InferenceEndpoint['input_schema']; flagged: string | null }) {
  return (
    <section className="endpoint-section" aria-labelledby="schema-title">
      <h2 id="schema-title">Input schema</h2>
      {schema.length === 0 ? (
        <p className="muted">No columns: the endpoint has no deployment yet.</p>
      ) : (
        <table className="data-table compact" data-testid="input-schema">
          <thead>
            <tr>
              <th>Column</th>
              <th>Type</th>
            </tr>
          </thead>
          <tbody>
            {schema.map((column) => (
              <tr key={column.name} className={column.name === flagged ? 'flagged-row' : undefined} data-testid={`schema-column-${column.name}`}>
                <td>
                  <code>{column.name}</code>
                </td>
                <td>{column.dtype ?? <span className="muted">any</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
