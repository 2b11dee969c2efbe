/**
 * API tokens resource: the signed-in user's tokens, creating one (its secret comes back once, in
 * that answer only) and revoking one. Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http } from './http';
import type { ApiToken, ApiTokenCreated, ApiTokenRequest } from './models';

export const tokenKeys = {
  all: ['tokens'] as const,
  list: () => [...tokenKeys.all, 'list'] as const,
};

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<ApiToken>('/api/tokens/', {}, signal),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenRequest) => http.post<ApiTokenCreated>('/api/tokens/', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(`/api/tokens/${id}/`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
