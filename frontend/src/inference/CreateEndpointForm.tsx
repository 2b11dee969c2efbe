/**
 * "New endpoint": its name and description, and its first deployment (an inference pipeline or
 * a registered model version), which gets all the traffic. Opens the endpoint once deployed.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreateInferenceEndpoint } from '../api/inference';
import { FormField } from '../shared/FormField';
import { nameProblem } from '../shared/names';
import { DeploymentFields } from './DeploymentFields';
import { EMPTY_DEPLOYMENT_FORM, deploymentFormToRequest, type DeploymentForm } from './deploymentForm';

export function CreateEndpointForm({ onCancel }: { onCancel: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [deployment, setDeployment] = useState<DeploymentForm>({ ...EMPTY_DEPLOYMENT_FORM, name: 'blue' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateInferenceEndpoint();
  const navigate = useNavigate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { request, errors: found } = deploymentFormToRequest(deployment, []);
    const badName = nameProblem(name.trim(), 'endpoint');
    const all = badName ? { ...found, endpoint: badName } : found;
    setErrors(all);
    if (!request || badName) return;
    create.mutate(
      { name: name.trim(), description: description.trim(), deployments: [request] },
      { onSuccess: (created) => navigate(`/inference/${encodeURIComponent(created.name)}`) },
    );
  };

  return (
    <form className="panel-form" onSubmit={submit} aria-label="New real-time endpoint" noValidate>
      <h2>New real-time endpoint</h2>
      <div className="schedule-grid">
        <FormField label="Endpoint name" error={errors.endpoint} hint="Part of its URL: /api/inference/<name>/score">
          {(control) => <input {...control} value={name} autoFocus maxLength={64} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField label="Description (optional)">
          {(control) => <input {...control} value={description} maxLength={5000} onChange={(event) => setDescription(event.target.value)} />}
        </FormField>
      </div>
      <DeploymentFields form={deployment} errors={errors} onChange={setDeployment} />
      {create.error && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Deploying… (loading its models)' : 'Create and deploy'}
        </button>
      </div>
    </form>
  );
}
