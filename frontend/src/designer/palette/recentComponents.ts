/**
 * The components the user added most recently (by name, newest first), kept in localStorage so
 * the palette's "Recently used" group survives reloads and is shared by every pipeline.
 */
import { create } from 'zustand';

export const RECENT_KEY = 'pipewright.recentComponents';
export const RECENT_LIMIT = 8;

/** The list after using `name`: moved (or added) to the front, at most `limit` long. Pure. */
export function withRecent(list: readonly string[], name: string, limit = RECENT_LIMIT): string[] {
  return [name, ...list.filter((item) => item !== name)].slice(0, limit);
}

function read(): string[] {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

interface RecentState {
  names: string[];
  remember: (name: string) => void;
}

export const useRecentComponents = create<RecentState>()((set, get) => ({
  names: read(),
  remember: (name) => {
    const names = withRecent(get().names, name);
    set({ names });
    try {
      window.localStorage.setItem(RECENT_KEY, JSON.stringify(names));
    } catch {
      // Storage full or disabled: the list still works for this page.
    }
  },
}));
