/**
 * Datasets resource: the ready-made data sources the palette offers (the sample datasets and the
 * data files the server may read), each with the component and parameters that load it.
 * Query keys and hooks only; no rendering.
 */
import { useQuery } from '@tanstack/react-query';
import { http, unwrapList } from './http';
import type { components } from './schema';
import type { ListBody } from './http';

/** GET /api/datasets/ items: name, kind, "name@version" of the reading component, its params. */
export type Dataset = components['schemas']['Dataset'];

export const datasetKeys = {
  all: ['datasets'] as const,
  list: () => [...datasetKeys.all, 'list'] as const,
};

// Files come and go in the data folders, so this goes stale sooner than the registry.
const DATASETS_STALE_MS = 30_000;

export function useDatasets() {
  return useQuery({
    queryKey: datasetKeys.list(),
    queryFn: async ({ signal }) => unwrapList(await http.get<ListBody<Dataset>>('/api/datasets/', signal)),
    staleTime: DATASETS_STALE_MS,
  });
}
