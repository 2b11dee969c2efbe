/**
 * Compute targets resource: the live list (polled), create, edit and delete.
 * Query keys, shapes and hooks only; forms and formatting live in compute/.
 *
 * Shapes come from the OpenAPI schema; it leaves `resources` untyped, so that is spelled out here.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http } from './http';
import type { components } from './schema';

type Schemas = components['schemas'];

/** Declared resources of a target; any of them may be left out. */
export interface ComputeResources {
  cpus?: number | null;
  memory_mb?: number | null;
  gpus?: number | null;
}

/** A worker process serving a target's queue, as its last heartbeat described it; `busy` counts its running node runs. */
export type ComputeWorker = Schemas['Worker'];

/** GET /api/compute/ items: the target, its queue length and its live workers. */
export type ComputeTarget = Omit<Schemas['ComputeTargetStatus'], 'description' | 'resources' | 'concurrency'> & {
  description: string;
  resources: ComputeResources;
  concurrency: number;
};

/** POST /api/compute/; a left-out concurrency takes the server's default. */
export type ComputeTargetCreate = Omit<Schemas['ComputeTarget'], 'resources'> & { resources: ComputeResources };

export type ComputeTargetPatch = Omit<Schemas['PatchedComputeTarget'], 'name' | 'resources'> & {
  resources?: ComputeResources;
};

export const computeKeys = {
  all: ['compute'] as const,
  list: () => [...computeKeys.all, 'list'] as const,
};

/** Workers come and go and queues move: the page shows them live. */
export const COMPUTE_POLL_MS = 3000;

const targetPath = (name: string) => `/api/compute/${encodeURIComponent(name)}/`;

export function useComputeTargets() {
  return useQuery({
    queryKey: computeKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<ComputeTarget>('/api/compute/', {}, signal),
    refetchInterval: COMPUTE_POLL_MS,
    staleTime: 0,
  });
}

export function useCreateComputeTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComputeTargetCreate) => http.post<ComputeTarget>('/api/compute/', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: computeKeys.all }),
  });
}

export function useUpdateComputeTarget(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ComputeTargetPatch) => http.patch<ComputeTarget>(targetPath(name), patch),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: computeKeys.all }),
  });
}

export function useDeleteComputeTarget(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(targetPath(name)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: computeKeys.all }),
  });
}
