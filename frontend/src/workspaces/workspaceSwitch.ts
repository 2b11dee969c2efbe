/**
 * What switching workspace does besides storing the choice: every cached answer belonged to the
 * old workspace, so the query cache is reset (lists load again for the new one); a page of one
 * object goes back to its list, which the new workspace may not hold. Who-am-I is kept.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authKeys } from '../api/auth';
import { useWorkspaceStore } from '../api/workspace';

export function resetForWorkspace(queryClient: QueryClient): Promise<void> {
  return queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
}

/** Resets the cache whenever the chosen workspace changes, whoever changed it. */
export function useResetOnWorkspaceChange(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      useWorkspaceStore.subscribe((state, previous) => {
        if (state.name !== previous.name) void resetForWorkspace(queryClient);
      }),
    [queryClient],
  );
}

/** Where to be after switching to `name` from `pathname`. Pure. */
export function pathAfterSwitch(pathname: string, name: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'workspaces' && parts[2] === 'members') return membersPath(name);
  return parts.length > 1 ? `/${parts[0]}` : pathname;
}

export function membersPath(name: string): string {
  return `/workspaces/${encodeURIComponent(name)}/members`;
}
