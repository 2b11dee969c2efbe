/**
 * Artifacts resource: metadata (with a model's summary), dataframe preview and profile,
 * download address, and the content of a JSON artifact (read through its download).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { http } from './http';
import type { components } from './schema';
import type { Artifact, ArtifactPreview, EntityId } from './models';

type Schemas = components['schemas'];

/** `summary` of a model artifact: class, hyperparameters, label and feature columns, task. */
export type ModelSummary = Schemas['ModelSummary'];
export type ArtifactDetail = Artifact & { summary?: ModelSummary | null };
export type Histogram = Schemas['Histogram'];
export type ColumnProfile = Schemas['ColumnProfile'];
/** GET /api/artifacts/{id}/profile/ (dataframes). */
export type ArtifactProfile = Schemas['Profile'];

export const artifactKeys = {
  all: ['artifacts'] as const,
  detail: (id: EntityId) => [...artifactKeys.all, String(id)] as const,
  preview: (id: EntityId) => [...artifactKeys.all, String(id), 'preview'] as const,
  profile: (id: EntityId) => [...artifactKeys.all, String(id), 'profile'] as const,
  content: (id: EntityId) => [...artifactKeys.all, String(id), 'content'] as const,
};

const path = (id: EntityId) => `/api/artifacts/${encodeURIComponent(String(id))}/`;

export function artifactDownloadUrl(id: EntityId): string {
  return `${path(id)}download/`;
}

// Artifacts are immutable and content-addressed: once fetched, never stale.
export function useArtifact(id: EntityId) {
  return useQuery({
    queryKey: artifactKeys.detail(id),
    queryFn: ({ signal }) => http.get<ArtifactDetail>(path(id), signal),
    staleTime: Infinity,
  });
}

export function useArtifactPreview(id: EntityId, enabled: boolean) {
  return useQuery({
    queryKey: artifactKeys.preview(id),
    queryFn: ({ signal }) => http.get<ArtifactPreview>(`${path(id)}preview/`, signal),
    staleTime: Infinity,
    enabled,
  });
}

export function useArtifactProfile(id: EntityId, enabled: boolean) {
  return useQuery({
    queryKey: artifactKeys.profile(id),
    queryFn: ({ signal }) => http.get<ArtifactProfile>(`${path(id)}profile/`, signal),
    staleTime: Infinity,
    enabled,
  });
}

const contentQuery = (id: EntityId) => ({
  queryKey: artifactKeys.content(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => http.get<unknown>(artifactDownloadUrl(id), signal),
  staleTime: Infinity,
});

/** The parsed content of a JSON artifact (a `json` output such as metrics or chart data). */
export function useJsonArtifact(id: EntityId | null | undefined) {
  return useQuery({ ...contentQuery(id ?? ''), enabled: id != null });
}

/** The parsed contents of several JSON artifacts, in the order of `ids`. */
export function useJsonArtifacts(ids: readonly EntityId[]) {
  return useQueries({ queries: ids.map((id) => contentQuery(id)) });
}
