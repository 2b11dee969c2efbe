/**
 * Model registry resource: registered models and their versions — the list (with search), one
 * model with its versions, registering a node run's model output, editing, aliases, download.
 * Query keys and hooks only; no rendering. (models.ts holds the generated type names.)
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http } from './http';
import type {
  AliasAssignment,
  ModelFromRun,
  ModelUpdate,
  ModelVersionCreated,
  RegisteredModel,
  RegisteredModelDetail,
} from './models';

export type { ModelVersion, RegisteredModel, RegisteredModelDetail } from './models';

export const modelKeys = {
  all: ['registered-models'] as const,
  lists: () => [...modelKeys.all, 'list'] as const,
  list: (search = '') => [...modelKeys.lists(), search] as const,
  detail: (name: string) => [...modelKeys.all, 'detail', name] as const,
};

export const modelPath = (name: string) => `/api/models/${encodeURIComponent(name)}/`;
const versionPath = (name: string, version: number) => `${modelPath(name)}versions/${version}/`;

/** The version as an MLflow model folder, zipped. */
export function modelDownloadUrl(name: string, version: number): string {
  return `${versionPath(name, version)}download/`;
}

const MODELS_STALE_MS = 30_000;

export function useRegisteredModels(search = '', enabled = true) {
  return useQuery({
    queryKey: modelKeys.list(search),
    queryFn: ({ signal }) => fetchAllPages<RegisteredModel>('/api/models/', { search }, signal),
    staleTime: MODELS_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRegisteredModel(name: string, enabled = true) {
  return useQuery({
    queryKey: modelKeys.detail(name),
    queryFn: ({ signal }) => http.get<RegisteredModelDetail>(modelPath(name), signal),
    enabled: enabled && name !== '',
  });
}

function useModelsChanged() {
  const queryClient = useQueryClient();
  return (name: string) => {
    void queryClient.invalidateQueries({ queryKey: modelKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: modelKeys.detail(name) });
  };
}

/** Registers a node run's model output as the model's next version. */
export function useRegisterModel() {
  const changed = useModelsChanged();
  return useMutation({
    mutationFn: (body: ModelFromRun) => http.post<ModelVersionCreated>('/api/models/', body),
    onSuccess: (created) => changed(created.name),
  });
}

export function useUpdateModel(name: string) {
  const changed = useModelsChanged();
  return useMutation({
    mutationFn: (patch: ModelUpdate) => http.patch<RegisteredModelDetail>(modelPath(name), patch),
    onSuccess: () => changed(name),
  });
}

/** Points an alias at a version (moving it there if it pointed elsewhere). */
export function useSetAlias(name: string) {
  const changed = useModelsChanged();
  return useMutation({
    mutationFn: ({ alias, version }: AliasAssignment) =>
      http.put<AliasAssignment>(`${modelPath(name)}aliases/${encodeURIComponent(alias)}/`, { version }),
    onSuccess: () => changed(name),
  });
}

export function useDeleteAlias(name: string) {
  const changed = useModelsChanged();
  return useMutation({
    mutationFn: (alias: string) => http.delete<void>(`${modelPath(name)}aliases/${encodeURIComponent(alias)}/`),
    onSuccess: () => changed(name),
  });
}

export function useDeleteModel(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(modelPath(name)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: modelKeys.detail(name) });
      void queryClient.invalidateQueries({ queryKey: modelKeys.lists() });
    },
  });
}
