/** The parameters a version takes, with type, default and description. */
import type { EndpointParameter } from '../api/models';
import { textOf } from './paramForm';

export function ParametersTable({ parameters }: { parameters: readonly EndpointParameter[] }) {
  if (parameters.length === 0) return <p className="muted">This version takes no parameters.</p>;
  return (
    <table className="data-table compact" data-testid="endpoint-parameters">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Default</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => (
          <tr key={parameter.name}>
            <td>
              <code>{parameter.name}</code>
            </td>
            <td>{parameter.type}</td>
            <td>
              <code>{textOf(parameter.default) || '—'}</code>
            </td>
            <td>{parameter.description || <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
