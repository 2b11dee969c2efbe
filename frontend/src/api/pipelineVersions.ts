/**
 * Pipeline versions and publishing: the frozen versions of a pipeline (listed, and one by number,
 * read-only), and publishing the pipeline as it is now to an endpoint. Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpointKeys } from './endpoints';
import { fetchAllPages, http } from './http';
import type { EntityId, PipelineVersion, PublishRequest, Published } from './models';

export const pipelineVersionKeys = {
  all: (pipeline: EntityId) => ['pipelines', 'detail', String(pipeline), 'versions'] as const,
  list: (pipeline: EntityId) => [...pipelineVersionKeys.all(pipeline), 'list'] as const,
  detail: (pipeline: EntityId, number: number) => [...pipelineVersionKeys.all(pipeline), number] as const,
};

const versionsPath = (pipeline: EntityId) => `/api/pipelines/${encodeURIComponent(String(pipeline))}/versions/`;

/** The pipeline's versions, newest first as the server lists them. Fetched when asked for. */
export function usePipelineVersions(pipeline: EntityId, enabled = true) {
  return useQuery({
    queryKey: pipelineVersionKeys.list(pipeline),
    queryFn: ({ signal }) => fetchAllPages<PipelineVersion>(versionsPath(pipeline), {}, signal),
    enabled,
  });
}

/** One version: its graph and parameters never change, so it is fetched once. */
export function usePipelineVersion(pipeline: EntityId, number: number) {
  return useQuery({
    queryKey: pipelineVersionKeys.detail(pipeline, number),
    queryFn: ({ signal }) => http.get<PipelineVersion>(`${versionsPath(pipeline)}${number}/`, signal),
    staleTime: Infinity,
  });
}

/** POST /api/pipelines/{id}/publish/: freezes the pipeline and adds it to the endpoint. */
export function usePublishPipeline(pipeline: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishRequest) =>
      http.post<Published>(`/api/pipelines/${encodeURIComponent(String(pipeline))}/publish/`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: endpointKeys.all });
      void queryClient.invalidateQueries({ queryKey: pipelineVersionKeys.all(pipeline) });
    },
  });
}
