/**
 * Workspaces resource: making one, and a workspace's members (list, add, change a role, remove
 * or leave). Query keys and hooks only; the workspace the browser works in is `workspace.ts`.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePagedList } from '../shared/usePagedList';
import { authKeys } from './auth';
import { http } from './http';
import type { Member, MemberRole, Workspace, WorkspaceCreate } from './models';

export const workspaceKeys = {
  all: ['workspaces'] as const,
  members: (name: string) => [...workspaceKeys.all, name, 'members'] as const,
};

const membersPath = (name: string) => `/api/workspaces/${encodeURIComponent(name)}/members/`;
const memberPath = (name: string, user: string) => `${membersPath(name)}${encodeURIComponent(user)}/`;

export function useMembers(name: string) {
  return usePagedList<Member>({ queryKey: workspaceKeys.members(name), path: membersPath(name) });
}

/** Makes a workspace; who-am-I is fetched again so the new one is among the user's workspaces. */
export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkspaceCreate) => http.post<Workspace>('/api/workspaces/', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me }),
  });
}

function useMemberChange<T>(name: string, send: (body: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.members(name) }),
        // A role changed or a membership ended may be the user's own.
        queryClient.invalidateQueries({ queryKey: authKeys.me }),
      ]),
  });
}

export function useAddMember(name: string) {
  return useMemberChange(name, (body: { user: string; role: MemberRole }) => http.post<Member>(membersPath(name), body));
}

export function useChangeRole(name: string) {
  return useMemberChange(name, ({ user, role }: { user: string; role: MemberRole }) =>
    http.patch<Member>(memberPath(name, user), { role }),
  );
}

/** Removes a member, or (for one's own name) leaves the workspace. */
export function useRemoveMember(name: string) {
  return useMemberChange(name, (user: string) => http.delete<void>(memberPath(name, user)));
}
