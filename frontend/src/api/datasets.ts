/**
 * Datasets resource: registered datasets and their immutable versions — the list (with search),
 * one dataset with its versions, a version's preview and profile, uploading a file (with
 * progress), registering a run's output or a datastore file, editing and deleting.
 * Query keys and hooks only; no rendering.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http, withQuery } from './http';
import type { ArtifactProfile } from './artifacts';
import type { ArtifactPreview, Dataset, DatasetDetail, DatasetRegister, DatasetUpdate, DatasetVersionCreated } from './models';
import { postWithProgress, type UploadOptions } from './upload';

export type { Dataset, DatasetDetail, DatasetVersion } from './models';

export const datasetKeys = {
  all: ['datasets'] as const,
  lists: () => [...datasetKeys.all, 'list'] as const,
  list: (search = '') => [...datasetKeys.lists(), search] as const,
  detail: (name: string) => [...datasetKeys.all, 'detail', name] as const,
  preview: (name: string, version: number) => [...datasetKeys.all, 'version', name, version, 'preview'] as const,
  profile: (name: string, version: number) => [...datasetKeys.all, 'version', name, version, 'profile'] as const,
};

export const datasetPath = (name: string) => `/api/datasets/${encodeURIComponent(name)}/`;
const versionPath = (name: string, version: number) => `${datasetPath(name)}versions/${version}/`;

export function datasetDownloadUrl(name: string, version: number, format?: 'csv'): string {
  return withQuery(`${versionPath(name, version)}download/`, { format });
}

// New versions arrive from uploads, runs and other people, so the list goes stale fairly soon.
const DATASETS_STALE_MS = 30_000;

export function useDatasets(search = '', enabled = true) {
  return useQuery({
    queryKey: datasetKeys.list(search),
    queryFn: ({ signal }) => fetchAllPages<Dataset>('/api/datasets/', { search }, signal),
    staleTime: DATASETS_STALE_MS,
    // While a search is typed, the last answer stays on screen until the next one is in.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDataset(name: string, enabled = true) {
  return useQuery({
    queryKey: datasetKeys.detail(name),
    queryFn: ({ signal }) => http.get<DatasetDetail>(datasetPath(name), signal),
    enabled: enabled && name !== '',
  });
}

// A version never changes: once read, its preview and profile stay true.
export function useDatasetPreview(name: string, version: number) {
  return useQuery({
    queryKey: datasetKeys.preview(name, version),
    queryFn: ({ signal }) => http.get<ArtifactPreview>(`${versionPath(name, version)}preview/`, signal),
    staleTime: Infinity,
  });
}

export function useDatasetProfile(name: string, version: number) {
  return useQuery({
    queryKey: datasetKeys.profile(name, version),
    queryFn: ({ signal }) => http.get<ArtifactProfile>(`${versionPath(name, version)}profile/`, signal),
    staleTime: Infinity,
  });
}

export interface DatasetUpload {
  file: File;
  name: string;
  description: string;
  tags: string[];
}

export interface UploadedDataset {
  version: DatasetVersionCreated;
  /** False when the newest version already had this content: nothing new was made. */
  created: boolean;
}

/** POST /api/datasets/ as multipart: the file and what describes it. */
export async function uploadDataset(upload: DatasetUpload, options: UploadOptions = {}): Promise<UploadedDataset> {
  const form = new FormData();
  form.append('file', upload.file, upload.file.name);
  form.append('name', upload.name);
  if (upload.description) form.append('description', upload.description);
  if (upload.tags.length > 0) form.append('tags', JSON.stringify(upload.tags));
  const answer = await postWithProgress<DatasetVersionCreated>('/api/datasets/', form, options);
  return { version: answer.body, created: answer.status === 201 };
}

function useDatasetsChanged() {
  const queryClient = useQueryClient();
  return (created?: DatasetVersionCreated) => {
    void queryClient.invalidateQueries({ queryKey: datasetKeys.lists() });
    if (created) void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(created.name) });
  };
}

export function useUploadDataset() {
  const changed = useDatasetsChanged();
  return useMutation({
    mutationFn: ({ upload, ...options }: { upload: DatasetUpload } & UploadOptions) => uploadDataset(upload, options),
    onSuccess: (uploaded) => changed(uploaded.version),
  });
}

/** Registers a node run's dataframe output or a datastore's file as a dataset version. */
export function useRegisterDataset() {
  const changed = useDatasetsChanged();
  return useMutation({
    mutationFn: (body: DatasetRegister) => http.post<DatasetVersionCreated>('/api/datasets/', body),
    onSuccess: changed,
  });
}

export function useUpdateDataset(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: DatasetUpdate) => http.patch<DatasetDetail>(datasetPath(name), patch),
    // The answer may leave the versions out: read the dataset again rather than guess.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
  });
}

export function useDeleteDataset(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(datasetPath(name)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: datasetKeys.detail(name) });
      void queryClient.invalidateQueries({ queryKey: datasetKeys.lists() });
    },
  });
}
