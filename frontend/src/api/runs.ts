/**
 * Runs resource: submit, list, one run, cancel, re-run, a node's logs and metric history.
 * Query keys and hooks; the shapes are the generated ones (models.ts).
 * Live status is not kept here but in the run-live store, written by the websocket handlers.
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, fetchPage, http, withQuery } from './http';
import { usePagedList } from '../shared/usePagedList';
import type { EntityId, LogsResponse, MetricPoint, RerunRequest, Run, RunListItem, SubmitRunRequest } from './models';

export interface RunFilters {
  pipeline?: EntityId;
  experiment?: string;
  status?: string;
  /** What started the runs: manual, endpoint, schedule or data. */
  trigger?: string;
}

/** The server sends at most this many log lines per request; a full page means more may follow. */
export const LOG_PAGE_SIZE = 5000;
/** Pages fetched per node at most (the view shows a tail anyway). */
const MAX_LOG_PAGES = 20;

export const runKeys = {
  all: ['runs'] as const,
  lists: () => [...runKeys.all, 'list'] as const,
  list: (filters: RunFilters = {}) => [...runKeys.all, 'list', filters] as const,
  /** Under `lists()` with the filters third, like `list`: the feed finds both the same way. */
  pages: (filters: RunFilters = {}) => [...runKeys.all, 'list', filters, 'pages'] as const,
  detail: (id: EntityId) => [...runKeys.all, 'detail', String(id)] as const,
  logs: (id: EntityId, node: string) => [...runKeys.all, 'detail', String(id), 'logs', node] as const,
  metrics: (id: EntityId, node: string) => [...runKeys.all, 'detail', String(id), 'metrics', node] as const,
};

const path = (id: EntityId) => `/api/runs/${encodeURIComponent(String(id))}/`;
const nodePath = (id: EntityId, node: string) => `${path(id)}nodes/${encodeURIComponent(node)}/`;

export function fetchRun(id: EntityId, signal?: AbortSignal): Promise<Run> {
  return http.get<Run>(path(id), signal);
}

/** Every log line of a node run, page after page (each page starts after the last seq). */
export async function fetchNodeLogs(runId: EntityId, node: string, signal?: AbortSignal): Promise<LogsResponse> {
  const lines: LogsResponse['lines'] = [];
  let after = 0;
  let fromRun = 0;
  for (let page = 0; page < MAX_LOG_PAGES; page += 1) {
    const body = await http.get<LogsResponse>(withQuery(`${nodePath(runId, node)}logs/`, { after: after || undefined }), signal);
    lines.push(...body.lines);
    fromRun = body.from_run;
    if (body.lines.length < LOG_PAGE_SIZE || body.last_seq <= after) break;
    after = body.last_seq;
  }
  return { lines, last_seq: lines.length ? lines[lines.length - 1]!.seq : after, from_run: fromRun };
}

function listQuery(filters: RunFilters) {
  return { pipeline: filters.pipeline, experiment: filters.experiment, status: filters.status, trigger: filters.trigger };
}

/** The newest runs matching `filters` (the first page: for "recent runs" panels). */
export function useRuns(filters: RunFilters = {}) {
  return useQuery({
    queryKey: runKeys.list(filters),
    queryFn: async ({ signal }) => (await fetchPage<RunListItem>('/api/runs/', listQuery(filters), signal)).results,
  });
}

/** The runs page's list, newest first, a page at a time; the runs feed keeps its pages current. */
export function usePagedRuns(filters: RunFilters = {}) {
  return usePagedList<RunListItem>({ queryKey: runKeys.pages(filters), path: '/api/runs/', query: listQuery(filters) });
}

/** The run as REST returns it: header data and the frozen graph. Live state comes from the socket. */
export function useRun(id: EntityId) {
  return useQuery({
    queryKey: runKeys.detail(id),
    queryFn: ({ signal }) => fetchRun(id, signal),
    refetchOnWindowFocus: false,
  });
}

/** Several runs at once, for the compare page. */
export function useRunsById(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: runKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchRun(id, signal),
      refetchOnWindowFocus: false,
    })),
  });
}

export function useSubmitRun(pipelineId: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitRunRequest) =>
      http.post<Run>(`/api/pipelines/${encodeURIComponent(String(pipelineId))}/runs/`, body),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
  });
}

export function useCancelRun(id: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<unknown>(`${path(id)}cancel/`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
  });
}

/** POST /api/runs/{id}/rerun/: a new run of the same version, all of it or what failed. */
export function useRerun(id: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RerunRequest) => http.post<Run>(`${path(id)}rerun/`, body),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
  });
}

/**
 * A node's log over REST. `from` is the live store's `logsFrom`: the log is (re)fetched each time
 * it moves, and not before it is known, so REST always covers what the live lines do not.
 */
export function useNodeLogs(runId: EntityId, node: string, from: number) {
  return useQuery({
    queryKey: [...runKeys.logs(runId, node), from],
    queryFn: ({ signal }) => fetchNodeLogs(runId, node, signal),
    enabled: from >= 0,
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  });
}

export function useNodeMetrics(runId: EntityId, node: string) {
  return useQuery({
    queryKey: runKeys.metrics(runId, node),
    queryFn: ({ signal }) => fetchAllPages<MetricPoint>(`${nodePath(runId, node)}metrics/`, {}, signal),
    refetchOnWindowFocus: false,
  });
}
