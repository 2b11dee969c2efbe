/**
 * The "New pipeline" form's checks, before anything is sent: a name is required (at most 200
 * characters, what the server stores); a description is optional. Pure.
 */
import type { PipelineCreate } from '../api/models';

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;

export interface NewPipelineForm {
  name: string;
  description: string;
}

export type NewPipelineErrors = Partial<Record<keyof NewPipelineForm, string>>;

export function checkNewPipeline(form: NewPipelineForm): NewPipelineErrors {
  const errors: NewPipelineErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Give the pipeline a name.';
  else if (name.length > NAME_MAX) errors.name = `At most ${NAME_MAX} characters (now ${name.length}).`;
  if (form.description.length > DESCRIPTION_MAX) errors.description = `At most ${DESCRIPTION_MAX} characters.`;
  return errors;
}

export function newPipelineBody(form: NewPipelineForm): PipelineCreate {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    graph: { nodes: [], edges: [] },
    parameters: {},
  };
}
