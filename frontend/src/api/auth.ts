/**
 * Auth resource: who is signed in, signing in and out. Query keys and hooks only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './http';
import type { LoginRequest, Me } from './models';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

export function fetchMe(): Promise<Me> {
  return http.get<Me>('/api/auth/me/');
}

export function useMe() {
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, retry: false, staleTime: 5 * 60_000 });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) => http.post<Me>('/api/auth/login/', credentials),
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
