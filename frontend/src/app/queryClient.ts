/**
 * The TanStack Query client: retry policy, and two reactions that re-check GET /api/auth/me/ —
 * any 401/403 (which sends the user to /login when the session is really gone), and a chosen
 * workspace the server no longer knows the user in (which falls back to their default).
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../api/auth';
import { isApiError, shouldRetry } from '../api/http';

export function createQueryClient(): QueryClient {
  const onError = (error: unknown, queryKey?: readonly unknown[]) => {
    if (!isApiError(error) || !(error.isAuthError || error.code === 'no_workspace')) return;
    if (queryKey && queryKey[0] === authKeys.me[0]) return;
    void client.invalidateQueries({ queryKey: authKeys.me });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
