/**
 * The workspace the browser works in: kept in localStorage, sent as `X-Pipewright-Workspace` on
 * every API request so lists show that workspace alone and new objects go there. Without one
 * (someone in no workspace yet) no header is sent and the server picks.
 */
import { create } from 'zustand';
import type { Me } from './models';

export const WORKSPACE_KEY = 'pipewright.workspace';
export const WORKSPACE_HEADER = 'X-Pipewright-Workspace';

/** The server's rule for a workspace name. */
export const WORKSPACE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

function read(): string | null {
  try {
    return window.localStorage.getItem(WORKSPACE_KEY) || null;
  } catch {
    return null;
  }
}

function write(name: string | null): void {
  try {
    if (name) window.localStorage.setItem(WORKSPACE_KEY, name);
    else window.localStorage.removeItem(WORKSPACE_KEY);
  } catch {
    // Storage disabled: the choice still holds for this page.
  }
}

interface WorkspaceState {
  name: string | null;
  choose: (name: string | null) => void;
}

export const useWorkspaceStore = create<WorkspaceState>()((set) => ({
  name: read(),
  choose: (name) => {
    write(name);
    set({ name });
  },
}));

export function currentWorkspace(): string | null {
  return useWorkspaceStore.getState().name;
}

export function chooseWorkspace(name: string | null): void {
  if (useWorkspaceStore.getState().name !== name) useWorkspaceStore.getState().choose(name);
}

/** The header to add to a request, or none when no workspace is chosen. */
export function workspaceHeaders(): Record<string, string> {
  const name = currentWorkspace();
  return name ? { [WORKSPACE_HEADER]: name } : {};
}

/** The workspace to work in: the stored one while the user is still its member, else their default. Pure. */
export function workspaceFor(me: Pick<Me, 'workspaces' | 'default_workspace'>, stored: string | null): string | null {
  const workspaces = me.workspaces ?? [];
  if (stored && workspaces.some((workspace) => workspace.name === stored)) return stored;
  return me.default_workspace ?? workspaces[0]?.name ?? null;
}

/** Keeps the stored choice to a workspace `me` belongs to (called whenever who-am-I arrives). */
export function settleWorkspace(me: Pick<Me, 'workspaces' | 'default_workspace'>): void {
  chooseWorkspace(workspaceFor(me, currentWorkspace()));
}
