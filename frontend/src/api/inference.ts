/**
 * Inference resource: deriving an inference pipeline from a completed training run, first only
 * to see the change (save: false, nothing stored), then to save it. Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './http';
import { pipelineKeys } from './pipelines';
import type { DeriveRequest, DerivedPipeline, EntityId, InferenceKind } from './models';

export const inferenceKeys = {
  all: ['inference'] as const,
  derivation: (run: EntityId, kind: InferenceKind, node: string | null) =>
    [...inferenceKeys.all, 'derivation', String(run), kind, node ?? ''] as const,
};

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
