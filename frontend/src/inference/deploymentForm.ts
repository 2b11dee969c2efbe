/**
 * Adding a deployment: what it serves (an inference pipeline, as it is now or one of its
 * versions, or a registered model version) and its name, as typed and as the API takes it. Pure.
 */
import type { DeploymentRequest } from '../api/models';
import { nameProblem } from '../shared/names';

export type DeploymentSource = 'pipeline' | 'model';

export interface DeploymentForm {
  name: string;
  source: DeploymentSource;
  /** A pipeline id, as the select gives it; '' for none picked. */
  pipeline: string;
  /** A version number; '' for the pipeline as it is now (frozen when deployed). */
  pipelineVersion: string;
  model: string;
  /** A number, `@alias` or `latest`. */
  modelVersion: string;
}

export const EMPTY_DEPLOYMENT_FORM: DeploymentForm = {
  name: '',
  source: 'pipeline',
  pipeline: '',
  pipelineVersion: '',
  model: '',
  modelVersion: 'latest',
};

/** Names people use for side-by-side deployments, in the order they are offered. */
const USUAL_NAMES = ['blue', 'green', 'canary', 'shadow'];

export function suggestDeploymentName(taken: readonly string[]): string {
  const free = USUAL_NAMES.find((name) => !taken.includes(name));
  if (free) return free;
  let n = taken.length + 1;
  while (taken.includes(`deployment-${n}`)) n += 1;
  return `deployment-${n}`;
}

export function deploymentFormToRequest(
  form: DeploymentForm,
  taken: readonly string[],
): { request: DeploymentRequest | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  const badName = nameProblem(name, 'deployment');
  if (badName) errors.name = badName;
  else if (taken.includes(name)) errors.name = 'This endpoint already has a deployment of that name.';
  if (form.source === 'pipeline' && !form.pipeline) errors.pipeline = 'Pick the inference pipeline to serve.';
  if (form.source === 'model' && !form.model) errors.model = 'Pick the registered model to serve.';
  if (form.source === 'model' && !/^(\d+|@[a-z0-9][a-z0-9_-]*|latest)$/.test(form.modelVersion.trim())) {
    errors.modelVersion = 'A version number, @alias or latest.';
  }
  if (Object.keys(errors).length > 0) return { request: null, errors };
  if (form.source === 'pipeline') {
    const version = form.pipelineVersion ? { pipeline_version: Number(form.pipelineVersion) } : {};
    return { request: { name, pipeline: Number(form.pipeline), ...version }, errors };
  }
  return { request: { name, model: { name: form.model, version: form.modelVersion.trim() } }, errors };
}
