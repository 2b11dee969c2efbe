/**
 * Auth resource: who is signed in, signing in and out. Query keys and hooks only. Each answer
 * about who is signed in also settles the workspace the browser works in (`workspace.ts`).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './http';
import type { LoginRequest, Me } from './models';
import { settleWorkspace } from './workspace';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

export async function fetchMe(): Promise<Me> {
  const me = await http.get<Me>('/api/auth/me/');
  settleWorkspace(me);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, retry: false, staleTime: 5 * 60_000 });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: LoginRequest) => {
      const me = await http.post<Me>('/api/auth/login/', credentials);
      settleWorkspace(me);
      return me;
    },
    onSuccess: (me) => queryClient.setQueryData(authKeys.me, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<unknown>('/api/auth/logout/'),
    onSettled: () => queryClient.clear(),
  });
}
