/**
 * /endpoints — the published pipelines: name, default version, enabled, description, last
 * change. With none yet, says how to publish one.
 */
import './endpoints.css';
import { Link } from 'react-router';
import { useEndpoints } from '../api/endpoints';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatTime } from '../shared/format';
import { EnabledBadge } from './EnabledBadge';

function EmptyEndpoints() {
  return (
    <div className="empty-state endpoints-empty">
      <h2>No endpoints yet</h2>
      <p>
        An endpoint runs a published pipeline by name — from a script, another system or a schedule — while you go on
        editing the pipeline.
      </p>
      <p className="muted">
        To publish one, open a pipeline from <Link to="/">Pipelines</Link> and press <strong>Publish</strong> in the
        designer’s toolbar.
      </p>
    </div>
  );
}

export function EndpointsPage() {
  const endpoints = useEndpoints();
  return (
    <div className="page endpoints-page">
      <div className="page-header">
        <h1>Endpoints</h1>
        <Link to="/tokens" className="button-link">
          API tokens
        </Link>
      </div>
      {endpoints.isPending && <p className="page-loading">Loading endpoints…</p>}
      {endpoints.isError && <ErrorMessage error={endpoints.error} onRetry={() => void endpoints.refetch()} />}
      {endpoints.data && endpoints.data.length === 0 && <EmptyEndpoints />}
      {endpoints.data && endpoints.data.length > 0 && (
        <table className="data-table endpoints-list" data-testid="endpoints-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Default version</th>
              <th>State</th>
              <th>Description</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.data.map((endpoint) => (
              <tr key={endpoint.name} data-testid={`endpoint-row-${endpoint.name}`}>
                <td>
                  <Link to={`/endpoints/${encodeURIComponent(endpoint.name)}`}>{endpoint.name}</Link>
                </td>
                <td>{endpoint.default_version != null ? `v${endpoint.default_version}` : '—'}</td>
                <td>
                  <EnabledBadge enabled={endpoint.enabled !== false} />
                </td>
                <td className="endpoint-description-cell">{endpoint.description || <span className="muted">—</span>}</td>
                <td>{formatTime(endpoint.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
