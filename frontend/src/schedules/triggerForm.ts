/** The data trigger form as typed and as the API takes it; problems keyed by API field. Pure. */
import type { DataTriggerInput, EndpointParameter } from '../api/models';
import { paramValues, type ParamTexts } from '../endpoints/paramForm';
import { textsWithDefaults } from './scheduleForm';

export interface TriggerForm {
  name: string;
  endpoint: string;
  version: string;
  path: string;
  glob: string;
  recursive: boolean;
  debounceSeconds: string;
  pathsParameter: string;
  params: ParamTexts;
  experiment: string;
}

export function emptyTriggerForm(endpoint: string): TriggerForm {
  return { name: '', endpoint, version: '', path: '', glob: '*', recursive: false, debounceSeconds: '30', pathsParameter: '', params: {}, experiment: '' };
}

/** The string parameters that can receive the changed paths. */
export function pathParameters(parameters: readonly EndpointParameter[]): EndpointParameter[] {
  return parameters.filter((parameter) => parameter.type === 'string');
}

export function triggerFormToBody(form: TriggerForm, parameters: readonly EndpointParameter[]) {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = 'Give the trigger a name.';
  if (!form.endpoint) errors.endpoint = 'Pick the endpoint to run.';
  if (!form.path.trim()) errors.path = 'The folder to watch, inside a data root.';
  if (!form.pathsParameter) errors.paths_parameter = 'Pick the string parameter that receives the changed paths.';
  const body: DataTriggerInput = {
    name: form.name.trim(),
    endpoint: form.endpoint,
    version: form.version ? Number(form.version) : null,
    path: form.path.trim(),
    glob: form.glob.trim() || '*',
    recursive: form.recursive,
    paths_parameter: form.pathsParameter,
  };
  const debounce = form.debounceSeconds.trim();
  if (debounce !== '') {
    if (/^\d+$/.test(debounce)) body.debounce_seconds = Number(debounce);
    else errors.debounce_seconds = 'A whole number of seconds, 0 or more.';
  }
  if (form.experiment.trim()) body.experiment = form.experiment.trim();
  // The paths parameter is filled by each firing, so it is not one of the fixed values.
  const others = parameters.filter((parameter) => parameter.name !== form.pathsParameter);
  const { values, errors: paramErrors } = paramValues(others, textsWithDefaults(form.params, others));
  body.parameters = values;
  return { body, errors, paramErrors };
}
