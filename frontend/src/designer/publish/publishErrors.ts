/** A refused publish in the words the dialog shows: the name's problem, the graph's problems. Pure. */
import { isApiError } from '../../api/http';
import { serverFieldErrors } from '../../shared/fieldErrors';

export interface PublishProblems {
  /** Shown under the endpoint name. */
  endpoint?: string;
  /** Shown under the description. */
  description?: string;
  /** Each problem of an invalid pipeline (400 `errors`), or the one message of any other failure. */
  general: string[];
}

export function publishProblems(error: unknown): PublishProblems {
  if (!error) return { general: [] };
  const fields = serverFieldErrors(error);
  const problems: PublishProblems = { endpoint: fields.endpoint, description: fields.description, general: [] };
  const listed = isApiError(error) && Array.isArray(error.body.errors) ? (error.body.errors as unknown[]) : [];
  for (const item of listed) {
    if (item && typeof item === 'object' && typeof (item as { message?: unknown }).message === 'string') {
      const { message, node } = item as { message: string; node?: unknown };
      problems.general.push(typeof node === 'string' && node ? `${node}: ${message}` : message);
    }
  }
  if (problems.general.length === 0 && !problems.endpoint && !problems.description) {
    problems.general.push(error instanceof Error ? error.message : 'Publishing failed.');
  }
  return problems;
}
