/**
 * Experiments resource: named groups of runs, listed with their run counts. Query keys and hooks.
 */
import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from './http';
import { usePagedList } from '../shared/usePagedList';
import type { components } from './schema';

/** GET /api/experiments/ items: name, run count, last run, runs per status. */
export type Experiment = components['schemas']['Experiment'];

export const experimentKeys = {
  all: ['experiments'] as const,
  list: () => [...experimentKeys.all, 'list'] as const,
  pages: () => [...experimentKeys.all, 'list', 'pages'] as const,
};

/** Every experiment (for pickers). */
export function useExperiments() {
  return useQuery({
    queryKey: experimentKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<Experiment>('/api/experiments/', {}, signal),
  });
}

/** The experiments page's list, a page at a time, most recently run first. */
export function usePagedExperiments() {
  return usePagedList<Experiment>({ queryKey: experimentKeys.pages(), path: '/api/experiments/' });
}
