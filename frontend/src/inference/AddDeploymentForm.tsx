/**
 * "Add deployment": a new deployment next to the endpoint's others, with no traffic yet (try it
 * with the deployment header, then move traffic to it). Deploying starts its scoring process
 * and loads its models first; a refusal names the deployment and the node.
 */
import { useState, type FormEvent } from 'react';
import { useUpdateInferenceEndpoint } from '../api/inference';
import type { DeploymentRequest, InferenceEndpoint } from '../api/models';
import { DeploymentFields } from './DeploymentFields';
import { EMPTY_DEPLOYMENT_FORM, deploymentFormToRequest, suggestDeploymentName, type DeploymentForm } from './deploymentForm';

/** The deployments there are, kept as they are, and the new one: with no traffic unless it is the first. */
export function withDeployment(endpoint: InferenceEndpoint, added: DeploymentRequest): DeploymentRequest[] {
  const kept = endpoint.deployments.map((deployment) => ({ name: deployment.name }));
  return [...kept, kept.length > 0 ? { ...added, traffic: 0 } : added];
}

export function AddDeploymentForm({ endpoint, onDone }: { endpoint: InferenceEndpoint; onDone: () => void }) {
  const taken = endpoint.deployments.map((deployment) => deployment.name);
  const [form, setForm] = useState<DeploymentForm>({ ...EMPTY_DEPLOYMENT_FORM, name: suggestDeploymentName(taken) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateInferenceEndpoint(endpoint.name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { request, errors: found } = deploymentFormToRequest(form, taken);
    setErrors(found);
    if (!request) return;
    update.mutate({ deployments: withDeployment(endpoint, request) }, { onSuccess: onDone });
  };

  return (
    <form className="panel-form add-deployment" onSubmit={submit} aria-label="Add deployment" noValidate>
      <h3>Add deployment</h3>
      <DeploymentFields form={form} errors={errors} onChange={setForm} />
      <p className="muted">
        It starts with no traffic: try it below by picking it in “Try it”, then give it a share with “Edit traffic”.
      </p>
      {update.error && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? 'Deploying… (loading its models)' : 'Deploy'}
        </button>
      </div>
    </form>
  );
}
