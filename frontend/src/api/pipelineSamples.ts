/**
 * Sample pipelines resource: the gallery's samples (GET /api/pipelines/samples/) and cloning one
 * into a pipeline of one's own. Query keys, fetches and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http } from './http';
import type { components } from './schema';
import type { Pipeline } from './models';
import { pipelineKeys } from './pipelines';

/** A sample as the gallery shows it: name, description, graph (positions included). */
export type PipelineSample = components['schemas']['Sample'];

export const sampleKeys = {
  all: ['pipeline-samples'] as const,
};

export function usePipelineSamples(enabled = true) {
  return useQuery({
    queryKey: sampleKeys.all,
    queryFn: ({ signal }) => fetchAllPages<PipelineSample>('/api/pipelines/samples/', {}, signal),
    // The samples ship with the server: they change only with a new release.
    staleTime: Infinity,
    enabled,
  });
}

export function useCloneSample() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, name }: { key: string; name?: string }) =>
      http.post<Pipeline>(`/api/pipelines/samples/${encodeURIComponent(key)}/clone/`, name ? { name } : {}),
    onSuccess: (pipeline) => {
      queryClient.setQueryData(pipelineKeys.detail(pipeline.id), pipeline);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
    },
  });
}
