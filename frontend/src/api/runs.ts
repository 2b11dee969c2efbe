/**
 * Runs resource: submit, list, one run, cancel, a node's logs. Query keys and hooks only; live
 * status is not kept here but in the run-live store, written by the websocket handlers.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, unwrapList, withQuery } from './http';
import type { EntityId, ListBody, LogsResponse, Run, RunListItem, SubmitRunRequest } from './types';

export interface RunFilters {
  pipeline?: EntityId;
  experiment?: string;
  status?: string;
}

export const runKeys = {
  all: ['runs'] as const,
  list: (filters: RunFilters = {}) => [...runKeys.all, 'list', filters] as const,
  detail: (id: EntityId) => [...runKeys.all, 'detail', String(id)] as const,
  logs: (id: EntityId, node: string) => [...runKeys.all, 'detail', String(id), 'logs', node] as const,
};

const path = (id: EntityId) => `/api/runs/${encodeURIComponent(String(id))}/`;

export function fetchRun(id: EntityId, signal?: AbortSignal): Promise<Run> {
  return http.get<Run>(path(id), signal);
}

export function useRuns(filters: RunFilters = {}) {
  return useQuery({
    queryKey: runKeys.list(filters),
    queryFn: async ({ signal }) =>
      unwrapList(
        await http.get<ListBody<RunListItem>>(
          withQuery('/api/runs/', {
            pipeline: filters.pipeline,
            experiment: filters.experiment,
            status: filters.status,
          }),
          signal,
        ),
      ),
  });
}

/** The run as REST returns it: header data and the frozen graph. Live state comes from the socket. */
export function useRun(id: EntityId) {
  return useQuery({
    queryKey: runKeys.detail(id),
    queryFn: ({ signal }) => fetchRun(id, signal),
    refetchOnWindowFocus: false,
  });
}

export function useSubmitRun(pipelineId: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitRunRequest) =>
      http.post<Run>(`/api/pipelines/${encodeURIComponent(String(pipelineId))}/runs/`, body),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      void queryClient.invalidateQueries({ queryKey: runKeys.list() });
    },
  });
}

export function useCancelRun(id: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<unknown>(`${path(id)}cancel/`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: runKeys.all }),
  });
}

export function useNodeLogs(runId: EntityId, node: string) {
  return useQuery({
    queryKey: runKeys.logs(runId, node),
    queryFn: ({ signal }) =>
      http.get<LogsResponse>(`${path(runId)}nodes/${encodeURIComponent(node)}/logs/`, signal),
    refetchOnWindowFocus: false,
  });
}
