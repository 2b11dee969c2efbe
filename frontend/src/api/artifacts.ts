/**
 * Artifacts resource: metadata, dataframe preview, download address.
 */
import { useQuery } from '@tanstack/react-query';
import { http } from './http';
import type { Artifact, ArtifactPreview, EntityId } from './types';

export const artifactKeys = {
  all: ['artifacts'] as const,
  detail: (id: EntityId) => [...artifactKeys.all, String(id)] as const,
  preview: (id: EntityId) => [...artifactKeys.all, String(id), 'preview'] as const,
};

const path = (id: EntityId) => `/api/artifacts/${encodeURIComponent(String(id))}/`;

export function artifactDownloadUrl(id: EntityId): string {
  return `${path(id)}download/`;
}

// Artifacts are immutable and content-addressed: once fetched, never stale.
export function useArtifact(id: EntityId) {
  return useQuery({
    queryKey: artifactKeys.detail(id),
    queryFn: ({ signal }) => http.get<Artifact>(path(id), signal),
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
