/** Beside a frozen version's canvas: its pipeline parameters, and the clicked node's settings. */
import type { PipelineVersion } from '../../api/models';
import { textOf } from '../../endpoints/paramForm';

function NodeParams({ version, nodeId }: { version: PipelineVersion; nodeId: string }) {
  const node = version.graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return null;
  const params = Object.entries(node.params ?? {});
  return (
    <section data-testid="version-node-params">
      <h3>
        Node <code>{node.id}</code>
      </h3>
      <p className="muted">
        <code>{node.component}</code>
      </p>
      {params.length === 0 ? (
        <p className="muted">No parameters set.</p>
      ) : (
        <table className="data-table compact">
          <tbody>
            {params.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{value && typeof value === 'object' && '$param' in value ? `← ${String(value['$param'])}` : textOf(value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function VersionSidebar({ version, selected }: { version: PipelineVersion; selected: string | null }) {
  const parameters = Object.entries(version.parameters);
  return (
    <aside className="sidebar version-sidebar" aria-label="Version details">
      <section>
        <h3>Pipeline parameters</h3>
        {parameters.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="data-table compact">
            <tbody>
              {parameters.map(([name, parameter]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code> <span className="muted">{parameter.type}</span>
                  </th>
                  <td>
                    <code>{textOf(parameter.default)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected ? <NodeParams version={version} nodeId={selected} /> : <p className="muted">Click a node to see its settings.</p>}
    </aside>
  );
}
