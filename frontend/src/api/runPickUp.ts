/**
 * Picking up from a run: open the version it ran as a new pipeline
 * (POST /api/runs/{id}/open-as-pipeline/), and how the pipeline's draft differs from that version
 * (GET /api/runs/{id}/compare-draft/). Query keys, fetches and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './http';
import type { components } from './schema';
import type { EntityId, Pipeline } from './models';
import { pipelineKeys } from './pipelines';

type Schemas = components['schemas'];

/** The draft against the run's version: nodes and edges added and removed, nodes changed. */
export type DraftDiff = Schemas['DraftDiff'];
export type NodeChange = Schemas['NodeChange'];
export type ValueChange = Schemas['ValueChange'];

const path = (id: EntityId) => `/api/runs/${encodeURIComponent(String(id))}/`;

export const pickUpKeys = {
  draftDiff: (id: EntityId) => ['runs', 'detail', String(id), 'compare-draft'] as const,
};

export function useOpenAsPipeline(runId: EntityId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name?: string) => http.post<Pipeline>(`${path(runId)}open-as-pipeline/`, name ? { name } : {}),
    onSuccess: (pipeline) => {
      queryClient.setQueryData(pipelineKeys.detail(pipeline.id), pipeline);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
    },
  });
}

/** Asked afresh each time the page opens: the draft may have changed in the designer since. */
export function useDraftDiff(runId: EntityId) {
  return useQuery({
    queryKey: pickUpKeys.draftDiff(runId),
    queryFn: ({ signal }) => http.get<DraftDiff>(`${path(runId)}compare-draft/`, signal),
    staleTime: 0,
    refetchOnMount: 'always',
  });
}
