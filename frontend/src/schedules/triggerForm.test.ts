import { describe, expect, it } from 'vitest';
import { emptyTriggerForm, pathParameters, triggerFormToBody } from './triggerForm';

const parameters = [
  { name: 'files', type: 'string', default: '[]', description: '' },
  { name: 'seed', type: 'integer', default: 7, description: '' },
];

describe('trigger form', () => {
  it('maps the form to the API body, leaving the paths parameter out of the fixed values', () => {
    const form = { ...emptyTriggerForm('ingest'), name: 'drops', path: 'incoming', glob: '*.csv', recursive: true, pathsParameter: 'files', params: { seed: '8', files: 'x' } };
    expect(triggerFormToBody(form, parameters)).toEqual({
      body: {
        name: 'drops',
        endpoint: 'ingest',
        version: null,
        path: 'incoming',
        glob: '*.csv',
        recursive: true,
        paths_parameter: 'files',
        debounce_seconds: 30,
        parameters: { seed: 8 },
      },
      errors: {},
      paramErrors: {},
    });
    expect(pathParameters(parameters).map((parameter) => parameter.name)).toEqual(['files']);
  });

  it('says what is missing, by field', () => {
    const { errors } = triggerFormToBody({ ...emptyTriggerForm(''), debounceSeconds: 'soon' }, []);
    expect(Object.keys(errors).sort()).toEqual(['debounce_seconds', 'endpoint', 'name', 'path', 'paths_parameter']);
  });
});
