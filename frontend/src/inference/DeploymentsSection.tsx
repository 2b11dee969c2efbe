/**
 * An endpoint's deployments: what each serves (the pipeline or model version, and the stored
 * models it pinned), its share of the traffic; edit the split, add a deployment, remove one
 * that has no traffic.
 */
import { useState } from 'react';
import { useUpdateInferenceEndpoint } from '../api/inference';
import type { Deployment, InferenceEndpoint } from '../api/models';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { AddDeploymentForm } from './AddDeploymentForm';
import { DeploymentTarget, ServedSources } from './ServedSources';
import { TrafficEditor } from './TrafficEditor';

type Editing = 'none' | 'traffic' | 'add';

function RemoveButton({ endpoint, deployment }: { endpoint: InferenceEndpoint; deployment: Deployment }) {
  const update = useUpdateInferenceEndpoint(endpoint.name);
  const [confirming, setConfirming] = useState(false);
  const serving = deployment.traffic > 0;
  const remove = () => {
    const rest = endpoint.deployments.filter((other) => other.name !== deployment.name).map((other) => ({ name: other.name }));
    update.mutate({ deployments: rest }, { onSettled: () => setConfirming(false) });
  };
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={serving || update.isPending}
        title={serving ? 'Move its traffic to another deployment first' : undefined}
        aria-label={`Remove deployment ${deployment.name}`}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
      {update.error && (
        <div className="form-error small" role="alert">
          {update.error.message}
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Remove deployment ${deployment.name}?`}
          confirmLabel="Remove deployment"
          busy={update.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={remove}
        >
          Requests naming it are refused from now on; its scoring process stops once its queued requests are answered.
        </ConfirmDialog>
      )}
    </>
  );
}

function DeploymentRow({ endpoint, deployment }: { endpoint: InferenceEndpoint; deployment: Deployment }) {
  return (
    <tr data-testid={`deployment-row-${deployment.name}`}>
      <td>
        <strong>{deployment.name}</strong>
      </td>
      <td>
        <DeploymentTarget deployment={deployment} />
      </td>
      <td>
        <ServedSources sources={deployment.sources} />
      </td>
      <td>{deployment.input_schema.length}</td>
      <td data-testid={`deployment-traffic-${deployment.name}`}>
        <span className="traffic-bar" aria-hidden="true">
          <span style={{ width: `${deployment.traffic}%` }} />
        </span>{' '}
        {deployment.traffic}%
      </td>
      <td className="row-actions">{endpoint.deployments.length > 1 && <RemoveButton endpoint={endpoint} deployment={deployment} />}</td>
    </tr>
  );
}

export function DeploymentsSection({ endpoint }: { endpoint: InferenceEndpoint }) {
  const [editing, setEditing] = useState<Editing>('none');
  const done = () => setEditing('none');
  return (
    <section className="endpoint-section" aria-labelledby="deployments-title">
      <div className="section-header">
        <h2 id="deployments-title">Deployments</h2>
        {editing === 'none' && (
          <div className="toolbar">
            <button type="button" onClick={() => setEditing('traffic')} disabled={endpoint.deployments.length === 0}>
              Edit traffic
            </button>
            <button type="button" onClick={() => setEditing('add')}>
              Add deployment
            </button>
          </div>
        )}
      </div>
      {endpoint.deployments.length === 0 ? (
        <p className="muted">No deployment yet: add one to answer requests.</p>
      ) : (
        <table className="data-table compact" data-testid="deployments">
          <thead>
            <tr>
              <th>Name</th>
              <th>Deployed from</th>
              <th>Serving</th>
              <th>Input columns</th>
              <th>Traffic</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {endpoint.deployments.map((deployment) => (
              <DeploymentRow key={deployment.name} endpoint={endpoint} deployment={deployment} />
            ))}
          </tbody>
        </table>
      )}
      {editing === 'traffic' && <TrafficEditor endpoint={endpoint} onDone={done} />}
      {editing === 'add' && <AddDeploymentForm endpoint={endpoint} onDone={done} />}
    </section>
  );
}
