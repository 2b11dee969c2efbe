/**
 * The fields of a deployment: its name and what it serves — an inference pipeline (as it is now,
 * or one of its versions) or a registered model version (a number, an alias, latest). Shared by
 * "New endpoint" and "Add deployment".
 */
import { useId } from 'react';
import { usePipelines } from '../api/pipelines';
import { usePipelineVersions } from '../api/pipelineVersions';
import { useRegisteredModel, useRegisteredModels } from '../api/registeredModels';
import { FormField } from '../shared/FormField';
import type { DeploymentForm } from './deploymentForm';

interface DeploymentFieldsProps {
  form: DeploymentForm;
  errors: Record<string, string>;
  onChange: (form: DeploymentForm) => void;
}

function PipelineFields({ form, errors, onChange }: DeploymentFieldsProps) {
  const pipelines = usePipelines();
  const versions = usePipelineVersions(form.pipeline, form.pipeline !== '');
  return (
    <>
      <FormField label="Inference pipeline" error={errors.pipeline} hint="One with a Web Service Input and a Web Service Output.">
        {(control) => (
          <select {...control} value={form.pipeline} onChange={(event) => onChange({ ...form, pipeline: event.target.value, pipelineVersion: '' })}>
            <option value="">Choose a pipeline</option>
            {pipelines.data?.map((pipeline) => (
              <option key={pipeline.id} value={String(pipeline.id)}>
                {pipeline.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Pipeline version" hint="“As it is now” freezes the pipeline into a new version.">
        {(control) => (
          <select {...control} value={form.pipelineVersion} disabled={!form.pipeline} onChange={(event) => onChange({ ...form, pipelineVersion: event.target.value })}>
            <option value="">As it is now</option>
            {versions.data?.map((version) => (
              <option key={version.number} value={String(version.number)}>
                v{version.number}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </>
  );
}

function ModelFields({ form, errors, onChange }: DeploymentFieldsProps) {
  const models = useRegisteredModels();
  const model = useRegisteredModel(form.model, form.model !== '');
  const aliases = Object.keys(model.data?.aliases ?? {}).sort();
  return (
    <>
      <FormField label="Registered model" error={errors.model}>
        {(control) => (
          <select {...control} value={form.model} onChange={(event) => onChange({ ...form, model: event.target.value, modelVersion: 'latest' })}>
            <option value="">Choose a model</option>
            {models.data?.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Model version" error={errors.modelVersion} hint="Resolved when deployed: a later version or a moved alias changes nothing until you deploy again.">
        {(control) => (
          <select {...control} value={form.modelVersion} disabled={!form.model} onChange={(event) => onChange({ ...form, modelVersion: event.target.value })}>
            <option value="latest">latest</option>
            {aliases.map((alias) => (
              <option key={alias} value={`@${alias}`}>
                @{alias}
              </option>
            ))}
            {model.data?.versions.map((version) => (
              <option key={version.version} value={String(version.version)}>
                v{version.version}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </>
  );
}

export function DeploymentFields({ form, errors, onChange }: DeploymentFieldsProps) {
  const group = useId();
  return (
    <div className="deployment-fields">
      <FormField label="Deployment name" error={errors.name} hint="e.g. blue, green">
        {(control) => <input {...control} value={form.name} maxLength={64} onChange={(event) => onChange({ ...form, name: event.target.value })} />}
      </FormField>
      <fieldset className="form-section source-choice">
        <legend>Serves</legend>
        <label className="checkbox-line">
          <input type="radio" name={group} checked={form.source === 'pipeline'} onChange={() => onChange({ ...form, source: 'pipeline' })} /> An
          inference pipeline
        </label>
        <label className="checkbox-line">
          <input type="radio" name={group} checked={form.source === 'model'} onChange={() => onChange({ ...form, source: 'model' })} /> A registered
          model version
        </label>
      </fieldset>
      {form.source === 'pipeline' ? (
        <PipelineFields form={form} errors={errors} onChange={onChange} />
      ) : (
        <ModelFields form={form} errors={errors} onChange={onChange} />
      )}
    </div>
  );
}
