/**
 * Endpoints resource: published pipelines under a stable name. The list, one endpoint with its
 * versions, changing its description, default version or enabled state, and calling it.
 * Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http } from './http';
import { runKeys } from './runs';
import type { Endpoint, EndpointRun, EndpointRunRequest, EndpointUpdate } from './models';

export const endpointKeys = {
  all: ['endpoints'] as const,
  list: () => [...endpointKeys.all, 'list'] as const,
  detail: (name: string) => [...endpointKeys.all, 'detail', name] as const,
};

export const endpointPath = (name: string) => `/api/endpoints/${encodeURIComponent(name)}/`;

export function useEndpoints() {
  return useQuery({
    queryKey: endpointKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<Endpoint>('/api/endpoints/', {}, signal),
  });
}

export function useEndpoint(name: string, enabled = true) {
  return useQuery({
    queryKey: endpointKeys.detail(name),
    queryFn: ({ signal }) => http.get<Endpoint>(endpointPath(name), signal),
    enabled: enabled && name !== '',
  });
}

export function useUpdateEndpoint(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: EndpointUpdate) => http.patch<Endpoint>(endpointPath(name), patch),
    onSuccess: (endpoint) => {
      queryClient.setQueryData(endpointKeys.detail(name), endpoint);
      void queryClient.invalidateQueries({ queryKey: endpointKeys.list() });
    },
  });
}

/** Calls the endpoint: its default version, or `version` when given. */
export function useCallEndpoint(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...body }: Partial<EndpointRunRequest> & { version?: number }) =>
      http.post<EndpointRun>(version ? `${endpointPath(name)}versions/${version}/runs/` : `${endpointPath(name)}runs/`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
  });
}
