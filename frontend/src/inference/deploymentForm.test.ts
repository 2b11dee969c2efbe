import { describe, expect, it } from 'vitest';
import { EMPTY_DEPLOYMENT_FORM, deploymentFormToRequest, suggestDeploymentName } from './deploymentForm';

describe('deploymentFormToRequest', () => {
  it('serves a pipeline as it is now, or one of its versions', () => {
    const form = { ...EMPTY_DEPLOYMENT_FORM, name: ' green ', pipeline: '40' };
    expect(deploymentFormToRequest(form, ['blue']).request).toEqual({ name: 'green', pipeline: 40 });
    expect(deploymentFormToRequest({ ...form, pipelineVersion: '3' }, ['blue']).request).toEqual({ name: 'green', pipeline: 40, pipeline_version: 3 });
  });

  it('serves a registered model version by number, alias or latest', () => {
    const form = { ...EMPTY_DEPLOYMENT_FORM, name: 'green', source: 'model' as const, model: 'diabetes', modelVersion: '@production' };
    expect(deploymentFormToRequest(form, []).request).toEqual({ name: 'green', model: { name: 'diabetes', version: '@production' } });
    expect(deploymentFormToRequest({ ...form, modelVersion: 'v2' }, []).errors).toEqual({ modelVersion: 'A version number, @alias or latest.' });
  });

  it('names each problem at its field', () => {
    expect(deploymentFormToRequest({ ...EMPTY_DEPLOYMENT_FORM, name: 'Blue' }, []).errors).toEqual({
      name: 'Use lower-case letters only.',
      pipeline: 'Pick the inference pipeline to serve.',
    });
    expect(deploymentFormToRequest({ ...EMPTY_DEPLOYMENT_FORM, name: 'blue', pipeline: '4' }, ['blue']).errors).toEqual({
      name: 'This endpoint already has a deployment of that name.',
    });
    expect(deploymentFormToRequest({ ...EMPTY_DEPLOYMENT_FORM, name: 'x', source: 'model' }, []).errors).toEqual({
      model: 'Pick the registered model to serve.',
    });
  });
});

describe('suggestDeploymentName', () => {
  it('offers blue, then green, then a numbered name', () => {
    expect(suggestDeploymentName([])).toBe('blue');
    expect(suggestDeploymentName(['blue'])).toBe('green');
    expect(suggestDeploymentName(['blue', 'green', 'canary', 'shadow'])).toBe('deployment-5');
  });
});
