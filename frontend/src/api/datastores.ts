/**
 * Datastores resource: named places data is read from (a server folder, an S3 bucket, an HTTP
 * base URL) — list, create, change, delete, browse files, preview one. Credentials are sent, never
 * read back. Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http, withQuery } from './http';
import type { Datastore, DatastoreInput, DatastoreListing, DatastorePreview, DatastoreUpdate } from './models';

export type { Datastore, DatastoreEntry, DatastoreInput, DatastoreKind } from './models';

export const datastoreKeys = {
  all: ['datastores'] as const,
  list: () => [...datastoreKeys.all, 'list'] as const,
  browse: (name: string, path: string) => [...datastoreKeys.all, 'browse', name, path] as const,
  preview: (name: string, path: string) => [...datastoreKeys.all, 'preview', name, path] as const,
};

export const datastorePath = (name: string) => `/api/datastores/${encodeURIComponent(name)}/`;

export function useDatastores() {
  return useQuery({
    queryKey: datastoreKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<Datastore>('/api/datastores/', {}, signal),
  });
}

/** The files and folders at `path` (relative to the datastore; '' is its top). */
export function useDatastoreListing(name: string, path: string, enabled = true) {
  return useQuery({
    queryKey: datastoreKeys.browse(name, path),
    queryFn: ({ signal }) => http.get<DatastoreListing>(withQuery(`${datastorePath(name)}browse/`, { path }), signal),
    enabled: enabled && name !== '',
  });
}

export function useDatastorePreview(name: string, path: string, enabled = true) {
  return useQuery({
    queryKey: datastoreKeys.preview(name, path),
    queryFn: ({ signal }) => http.get<DatastorePreview>(withQuery(`${datastorePath(name)}preview/`, { path }), signal),
    enabled: enabled && name !== '' && path !== '',
  });
}

export function useCreateDatastore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DatastoreInput) => http.post<Datastore>('/api/datastores/', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: datastoreKeys.list() }),
  });
}

export function useUpdateDatastore(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DatastoreUpdate) => http.patch<Datastore>(datastorePath(name), input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: datastoreKeys.all }),
  });
}

export function useDeleteDatastore(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(datastorePath(name)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: datastoreKeys.all }),
  });
}
