/**
 * Experiments resource: named groups of runs, listed with their run counts. Query keys and hooks.
 */
import { useQuery } from '@tanstack/react-query';
import { http, unwrapList } from './http';
import type { components } from './schema';
import type { ListBody } from './http';

/** GET /api/experiments/ items: name, run count, last run, runs per status. */
export type Experiment = components['schemas']['Experiment'];

export const experimentKeys = {
  all: ['experiments'] as const,
  list: () => [...experimentKeys.all, 'list'] as const,
};

export function useExperiments() {
  return useQuery({
    queryKey: experimentKeys.list(),
    queryFn: async ({ signal }) => unwrapList(await http.get<ListBody<Experiment>>('/api/experiments/', signal)),
  });
}
