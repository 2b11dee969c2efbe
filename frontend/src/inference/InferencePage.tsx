/**
 * /inference — real-time endpoints: each with its deployments and traffic, the requests, errors
 * and latency of the last hour. "New endpoint" deploys an inference pipeline or a registered
 * model; with none yet, says how to make an inference pipeline from a run.
 */
import '../endpoints/endpoints.css';
import '../schedules/schedules.css';
import './inference.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { useInferenceEndpoints } from '../api/inference';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatTime } from '../shared/format';
import { CreateEndpointForm } from './CreateEndpointForm';
import { formatMs } from './statsSeries';

function EmptyInference() {
  return (
    <div className="empty-state endpoints-empty">
      <h2>No real-time endpoints yet</h2>
      <p>A real-time endpoint answers rows with predictions over HTTP, in milliseconds.</p>
      <p className="muted">
        Open a completed training run from <Link to="/runs">Runs</Link>, press <strong>Create inference pipeline</strong>, save it and
        deploy it — or press <strong>New endpoint</strong> to serve a pipeline or a registered model.
      </p>
    </div>
  );
}

export function InferencePage() {
  const endpoints = useInferenceEndpoints();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page inference-page">
      <div className="page-header">
        <h1>Inference</h1>
        <div className="toolbar">
          <Link to="/tokens" className="button-link">
            API tokens
          </Link>
          {!creating && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              New endpoint
            </button>
          )}
        </div>
      </div>
      {creating && <CreateEndpointForm onCancel={() => setCreating(false)} />}
      {endpoints.isPending && <p className="page-loading">Loading endpoints…</p>}
      {endpoints.isError && <ErrorMessage error={endpoints.error} onRetry={() => void endpoints.refetch()} />}
      {endpoints.data && endpoints.data.length === 0 && !creating && <EmptyInference />}
      {endpoints.data && endpoints.data.length > 0 && (
        <table className="data-table" data-testid="inference-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Deployments</th>
              <th>Requests (last hour)</th>
              <th>Errors</th>
              <th>p50 / p95</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.data.map((endpoint) => (
              <tr key={endpoint.name} data-testid={`inference-row-${endpoint.name}`}>
                <td>
                  <Link to={`/inference/${encodeURIComponent(endpoint.name)}`}>{endpoint.name}</Link>
                  {endpoint.description && <div className="muted small endpoint-description-cell">{endpoint.description}</div>}
                </td>
                <td>
                  {endpoint.deployments.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    endpoint.deployments.map((deployment) => (
                      <span key={deployment.name} className="deployment-chip">
                        {deployment.name} {deployment.traffic}%
                      </span>
                    ))
                  )}
                </td>
                <td>{endpoint.stats.count}</td>
                <td>{endpoint.stats.errors}</td>
                <td>
                  {formatMs(endpoint.stats.p50_ms)} / {formatMs(endpoint.stats.p95_ms)}
                </td>
                <td>{formatTime(endpoint.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
