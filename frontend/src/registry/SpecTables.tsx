/** The ports and parameters of a component version, as tables. */
import type { ParamSpec, PortSpec } from '../api/models';
import { formatChoices, formatDefault, formatParamType, formatRange, NOT_SET } from './paramFormat';

interface PortsProps {
  inputs: Record<string, PortSpec>;
  outputs: Record<string, PortSpec>;
}

export function PortsTable({ inputs, outputs }: PortsProps) {
  const rows = [
    ...Object.entries(inputs).map(([name, port]) => ({ direction: 'input', name, port })),
    ...Object.entries(outputs).map(([name, port]) => ({ direction: 'output', name, port })),
  ];
  return (
    <section className="detail-section" aria-labelledby="ports-heading">
      <h2 id="ports-heading">Ports</h2>
      {rows.length === 0 ? (
        <p className="muted">This component has no ports.</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Direction</th>
              <th>Port</th>
              <th>Type</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ direction, name, port }) => (
              <tr key={`${direction}-${name}`} data-testid={`port-${direction}-${name}`}>
                <td>{direction}</td>
                <td>
                  <code>{name}</code>
                  {port.optional && <span className="muted"> (optional)</span>}
                </td>
                <td>
                  <span className={`port-badge port-${port.type}`}>{port.type}</span>
                </td>
                <td>{port.description || NOT_SET}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ParametersTable({ parameters }: { parameters: Record<string, ParamSpec> }) {
  const entries = Object.entries(parameters);
  return (
    <section className="detail-section" aria-labelledby="params-heading">
      <h2 id="params-heading">Parameters</h2>
      {entries.length === 0 ? (
        <p className="muted">This component takes no parameters.</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Parameter</th>
              <th>Type</th>
              <th>Default</th>
              <th>Range</th>
              <th>Choices</th>
              <th>Optional</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([name, param]) => (
              <tr key={name} data-testid={`param-row-${name}`}>
                <td>
                  <code>{name}</code>
                </td>
                <td>{formatParamType(param)}</td>
                <td>
                  <code>{formatDefault(param)}</code>
                </td>
                <td>{formatRange(param)}</td>
                <td>{formatChoices(param)}</td>
                <td>{param.optional ? 'yes' : 'no'}</td>
                <td>{param.description || NOT_SET}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
