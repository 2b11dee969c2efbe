/** An endpoint's versions: the pipeline version each runs (opens read-only), when, and "make default". */
import { Link } from 'react-router';
import { useUpdateEndpoint } from '../api/endpoints';
import type { Endpoint } from '../api/models';
import { formatTime } from '../shared/format';

export function VersionsTable({ endpoint }: { endpoint: Endpoint }) {
  const update = useUpdateEndpoint(endpoint.name);
  const versions = [...endpoint.versions].sort((a, b) => b.version - a.version);
  return (
    <section className="endpoint-section" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <table className="data-table compact" data-testid="endpoint-versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>Pipeline version</th>
            <th>Created</th>
            <th>Description</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => {
            const isDefault = version.version === endpoint.default_version;
            return (
              <tr key={version.version} data-testid={`endpoint-version-${version.version}`}>
                <td>
                  v{version.version} {isDefault && <span className="state-pill state-on">default</span>}
                </td>
                <td>
                  <Link to={`/pipelines/${version.pipeline}/versions/${version.pipeline_version}`} title="Open this pipeline version read-only">
                    pipeline {version.pipeline} · v{version.pipeline_version}
                  </Link>
                </td>
                <td>{formatTime(version.created_at)}</td>
                <td>{version.description || <span className="muted">—</span>}</td>
                <td className="row-actions">
                  {!isDefault && (
                    <button type="button" disabled={update.isPending} onClick={() => update.mutate({ default_version: version.version })}>
                      Make default
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {update.error && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
    </section>
  );
}
