/**
 * Inference resource: deriving an inference pipeline from a completed training run (first only
 * to see the change, with save: false, then to save it), and real-time endpoints: the list, one
 * endpoint with its deployments and traffic, creating, changing and deleting one, its sample
 * request, scoring rows with the browser session, its stats and its failed requests.
 * Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http, request, withQuery, type Page } from './http';
import { pipelineKeys } from './pipelines';
import type {
  DeriveRequest,
  DerivedPipeline,
  EntityId,
  InferenceEndpoint,
  InferenceEndpointCreate,
  InferenceEndpointUpdate,
  InferenceKind,
  SampleRequest,
  ScoreAnswer,
  ScoreRequest,
  ScoringFailure,
  ScoringStats,
} from './models';

/** The header that makes one deployment answer, whatever the traffic split. */
export const DEPLOYMENT_HEADER = 'X-Pipewright-Deployment';
/** The newest failed requests the page lists (the server keeps more). */
export const FAILURES_SHOWN = 50;
/** How often stats and failures are read again while their page is open: as often as servers write them. */
const OBSERVE_EVERY_MS = 5_000;

export const inferenceKeys = {
  all: ['inference'] as const,
  derivation: (run: EntityId, kind: InferenceKind, node: string | null) =>
    [...inferenceKeys.all, 'derivation', String(run), kind, node ?? ''] as const,
  endpoints: () => [...inferenceKeys.all, 'endpoints'] as const,
  list: () => [...inferenceKeys.endpoints(), 'list'] as const,
  endpoint: (name: string) => [...inferenceKeys.endpoints(), 'detail', name] as const,
  sample: (name: string, revision: number) => [...inferenceKeys.endpoint(name), 'sample', revision] as const,
  stats: (name: string, minutes: number) => [...inferenceKeys.endpoint(name), 'stats', minutes] as const,
  failures: (name: string) => [...inferenceKeys.endpoint(name), 'failures'] as const,
};

export const inferencePath = (name: string) => `/api/inference/${encodeURIComponent(name)}/`;

const derivePath = (run: EntityId) => `/api/runs/${encodeURIComponent(String(run))}/inference-pipeline/`;

/**
 * What deriving would make, saving nothing. A POST, but without effects, so it is cached like a
 * read: switching the kind back and forth asks once per kind.
 */
export function useDerivationPreview(run: EntityId, kind: InferenceKind, node: string | null) {
  return useQuery({
    queryKey: inferenceKeys.derivation(run, kind, node),
    queryFn: () => http.post<DerivedPipeline>(derivePath(run), previewBody(kind, node)),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

function previewBody(kind: InferenceKind, node: string | null): DeriveRequest {
  return { kind, save: false, ...(node ? { node } : {}) };
}

/** Derives and saves the inference pipeline; the answer carries the new pipeline. */
export function useDeriveInferencePipeline(run: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<DeriveRequest, 'save'>) => http.post<DerivedPipeline>(derivePath(run), { ...body, save: true }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() }),
  });
}

export function useInferenceEndpoints() {
  return useQuery({
    queryKey: inferenceKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<InferenceEndpoint>('/api/inference/', {}, signal),
  });
}

export function useInferenceEndpoint(name: string) {
  return useQuery({
    queryKey: inferenceKeys.endpoint(name),
    queryFn: ({ signal }) => http.get<InferenceEndpoint>(inferencePath(name), signal),
    enabled: name !== '',
  });
}

/** After a change: the new copy remembered, the list and what depends on the deployments refreshed. */
function useStoreEndpoint() {
  const queryClient = useQueryClient();
  return (endpoint: InferenceEndpoint) => {
    queryClient.setQueryData(inferenceKeys.endpoint(endpoint.name), endpoint);
    void queryClient.invalidateQueries({ queryKey: inferenceKeys.list() });
    void queryClient.invalidateQueries({ queryKey: [...inferenceKeys.endpoint(endpoint.name), 'stats'] });
  };
}

export function useCreateInferenceEndpoint() {
  const store = useStoreEndpoint();
  return useMutation({
    mutationFn: (body: InferenceEndpointCreate) => http.post<InferenceEndpoint>('/api/inference/', body),
    onSuccess: store,
  });
}

/** PATCH: traffic, the list of deployments, or the description. */
export function useUpdateInferenceEndpoint(name: string) {
  const store = useStoreEndpoint();
  return useMutation({
    mutationFn: (patch: InferenceEndpointUpdate) => http.patch<InferenceEndpoint>(inferencePath(name), patch),
    onSuccess: store,
  });
}

export function useDeleteInferenceEndpoint(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(inferencePath(name)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: inferenceKeys.endpoint(name) });
      void queryClient.invalidateQueries({ queryKey: inferenceKeys.list() });
    },
  });
}

/** The request to copy; made from the deployments of `revision`, so a change asks again. */
export function useSampleRequest(name: string, revision: number) {
  return useQuery({
    queryKey: inferenceKeys.sample(name, revision),
    queryFn: ({ signal }) => http.get<SampleRequest>(`${inferencePath(name)}sample-request/`, signal),
    staleTime: Infinity,
  });
}

export interface ScoreCall {
  body: ScoreRequest;
  /** A deployment to answer, whatever the traffic; null: the traffic split picks. */
  deployment: string | null;
}

/** Scores rows with the browser session (the "Try it" panel); the stats count it like any call. */
export function useScore(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, deployment }: ScoreCall) =>
      request<ScoreAnswer>('POST', `${inferencePath(name)}score`, body, undefined, deployment ? { [DEPLOYMENT_HEADER]: deployment } : {}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inferenceKeys.failures(name) }),
  });
}

export function useScoringStats(name: string, minutes: number) {
  return useQuery({
    queryKey: inferenceKeys.stats(name, minutes),
    queryFn: ({ signal }) => http.get<ScoringStats>(withQuery(`${inferencePath(name)}stats/`, { minutes }), signal),
    refetchInterval: OBSERVE_EVERY_MS,
  });
}

/** The newest failed requests (one page). */
export function useScoringFailures(name: string) {
  return useQuery({
    queryKey: inferenceKeys.failures(name),
    queryFn: ({ signal }) => http.get<Page<ScoringFailure>>(withQuery(`${inferencePath(name)}failures/`, { limit: FAILURES_SHOWN }), signal),
    refetchInterval: OBSERVE_EVERY_MS,
  });
}
