/**
 * Pipelines resource: list (search, ordering), detail, create, save (with revision), rename,
 * clone, delete, validate a draft, design-time column schemas, YAML export and import.
 * Query keys, fetches and hooks only; the editable document lives in the designer's store.
 *
 * The list, clone, schemas, export and import shapes beyond the committed OpenAPI schema are
 * declared here from docs/internals.md ("Endpoints beyond the skeleton").
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, fetchAllPages, http, request } from './http';
import { usePagedList } from '../shared/usePagedList';
import type { components } from './schema';
import type { EntityId, Pipeline, PipelineCreate, PipelineUpdate, ValidateRequest, ValidationResult } from './models';
import type { ApiErrorBody } from './http';
import { workspaceHeaders } from './workspace';

/** A row of GET /api/pipelines/: no graph, just how many nodes it has. */
export type PipelineSummary = components['schemas']['PipelineSummary'];

export type PipelineOrdering = 'updated_at' | '-updated_at' | 'name' | '-name';

export interface PipelineListFilters {
  search: string;
  ordering: PipelineOrdering;
}

/** The columns known to reach a port at design time (null: unknown until a run). */
export type PortSchema = components['schemas']['PortSchema'];

export type PipelineSchemas = components['schemas']['SchemasResult'];

/** POST .../schemas/ body: the draft to trace columns through (bindings resolve from parameters). */
export type SchemasRequest = Required<ValidateRequest>;

export const pipelineKeys = {
  all: ['pipelines'] as const,
  lists: () => [...pipelineKeys.all, 'list'] as const,
  list: (filters?: PipelineListFilters) => [...pipelineKeys.all, 'list', filters ?? {}] as const,
  pages: (filters: PipelineListFilters) => [...pipelineKeys.all, 'list', filters, 'pages'] as const,
  detail: (id: EntityId) => [...pipelineKeys.all, 'detail', String(id)] as const,
  schemas: (id: EntityId, draftKey: string) => [...pipelineKeys.all, 'detail', String(id), 'schemas', draftKey] as const,
};

const path = (id: EntityId) => `/api/pipelines/${encodeURIComponent(String(id))}/`;

export function fetchPipeline(id: EntityId, signal?: AbortSignal): Promise<Pipeline> {
  return http.get<Pipeline>(path(id), signal);
}

function listQuery(filters: PipelineListFilters) {
  return { search: filters.search.trim(), ordering: filters.ordering };
}

/** Every pipeline matching `filters` (for pickers). */
export function usePipelines(filters: PipelineListFilters = { search: '', ordering: '-updated_at' }) {
  return useQuery({
    queryKey: pipelineKeys.list(filters),
    queryFn: ({ signal }) => fetchAllPages<PipelineSummary>('/api/pipelines/', listQuery(filters), signal),
    placeholderData: keepPreviousData,
  });
}

/** The pipelines page's list, a page at a time in the chosen order. */
export function usePagedPipelines(filters: PipelineListFilters) {
  return usePagedList<PipelineSummary>({
    queryKey: pipelineKeys.pages(filters),
    path: '/api/pipelines/',
    query: listQuery(filters),
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

/** After any change to a pipeline: remember the new copy, refresh the lists. */
function useStorePipeline() {
  const queryClient = useQueryClient();
  return (pipeline: Pipeline) => {
    queryClient.setQueryData(pipelineKeys.detail(pipeline.id), pipeline);
    void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
  };
}

export function useCreatePipeline() {
  const store = useStorePipeline();
  return useMutation({
    mutationFn: (body: PipelineCreate) => http.post<Pipeline>('/api/pipelines/', body),
    onSuccess: store,
  });
}

export function useSavePipeline(id: EntityId) {
  const store = useStorePipeline();
  return useMutation({
    mutationFn: (body: PipelineUpdate) => http.put<Pipeline>(path(id), body),
    onSuccess: store,
  });
}

export function useRenamePipeline() {
  const store = useStorePipeline();
  return useMutation({
    mutationFn: ({ id, name, revision }: { id: EntityId; name: string; revision: number }) =>
      http.patch<Pipeline>(path(id), { name, revision }),
    onSuccess: store,
  });
}

export function useClonePipeline() {
  const store = useStorePipeline();
  return useMutation({
    mutationFn: ({ id, name }: { id: EntityId; name?: string }) =>
      http.post<Pipeline>(`${path(id)}clone/`, name ? { name } : {}),
    onSuccess: store,
  });
}

export function useDeletePipeline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: EntityId) => http.delete<void>(path(id)),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: pipelineKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
    },
  });
}

export function useImportPipeline() {
  const store = useStorePipeline();
  return useMutation({
    mutationFn: (yaml: string) => http.post<Pipeline>('/api/pipelines/import/', { yaml }),
    onSuccess: store,
  });
}

/**
 * GET /api/pipelines/{id}/export/ as text. The JSON wrapper cannot read YAML, so this does what
 * it does (cookie, ApiError) for a text answer.
 */
export async function exportPipelineYaml(id: EntityId): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${path(id)}export/`, {
      headers: { Accept: 'text/yaml, application/yaml, application/json;q=0.5', ...workspaceHeaders() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, {}, 'Cannot reach the server. Check that Pipewright is running.');
  }
  const text = await response.text();
  if (!response.ok) {
    let body: ApiErrorBody;
    try {
      body = JSON.parse(text) as ApiErrorBody;
    } catch {
      body = { message: text.slice(0, 500) };
    }
    throw new ApiError(response.status, body, `${response.status} ${response.statusText}`.trim());
  }
  return text;
}

export function useValidatePipeline(id: EntityId) {
  return useMutation({
    mutationFn: (draft: ValidateRequest) => http.post<ValidationResult>(`${path(id)}validate/`, draft),
  });
}

/**
 * The columns that reach every port of the draft graph (POST .../schemas/). `draftKey` names
 * the parts of the draft that matter (not positions or comments), so moving a node does not ask
 * again; while a new answer loads, the previous one stays.
 */
export function usePipelineSchemas(id: EntityId, draft: SchemasRequest, draftKey: string, enabled: boolean) {
  return useQuery({
    queryKey: pipelineKeys.schemas(id, draftKey),
    queryFn: ({ signal }) => request<PipelineSchemas>('POST', `${path(id)}schemas/`, draft, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  });
}
