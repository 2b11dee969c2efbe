/**
 * Pipelines resource: list, detail, create, save (with revision), validate a draft.
 * Query keys and hooks only; the editable document lives in the designer's store.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, unwrapList } from './http';
import type {
  EntityId,
  ListBody,
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  ValidateRequest,
  ValidationResult,
} from './types';

export const pipelineKeys = {
  all: ['pipelines'] as const,
  list: () => [...pipelineKeys.all, 'list'] as const,
  detail: (id: EntityId) => [...pipelineKeys.all, 'detail', String(id)] as const,
};

const path = (id: EntityId) => `/api/pipelines/${encodeURIComponent(String(id))}/`;

export function fetchPipeline(id: EntityId, signal?: AbortSignal): Promise<Pipeline> {
  return http.get<Pipeline>(path(id), signal);
}

export function usePipelines() {
  return useQuery({
    queryKey: pipelineKeys.list(),
    queryFn: async ({ signal }) => unwrapList(await http.get<ListBody<Pipeline>>('/api/pipelines/', signal)),
  });
}

/**
 * The server copy of one pipeline, fetched each time the designer opens. Refetching on focus
 * would only race with local edits, so otherwise it is refreshed explicitly (a save, "Reload").
 */
export function usePipeline(id: EntityId) {
  return useQuery({
    queryKey: pipelineKeys.detail(id),
    queryFn: ({ signal }) => fetchPipeline(id, signal),
    staleTime: Infinity,
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
  });
}

export function useCreatePipeline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PipelineCreate) => http.post<Pipeline>('/api/pipelines/', body),
    onSuccess: (pipeline) => {
      queryClient.setQueryData(pipelineKeys.detail(pipeline.id), pipeline);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.list() });
    },
  });
}

export function useSavePipeline(id: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PipelineUpdate) => http.put<Pipeline>(path(id), body),
    onSuccess: (pipeline) => {
      queryClient.setQueryData(pipelineKeys.detail(id), pipeline);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.list() });
    },
  });
}

export function useValidatePipeline(id: EntityId) {
  return useMutation({
    mutationFn: (draft: ValidateRequest) => http.post<ValidationResult>(`${path(id)}validate/`, draft),
  });
}
