/**
 * Keeps every cached runs list current from the runs feed while a page that shows runs is open.
 * Feed messages update the TanStack Query cache; after a reconnect the lists are refetched,
 * since summaries sent while disconnected are gone.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { runKeys, type RunFilters } from '../../api/runs';
import type { RunSummary } from '../../api/models';
import { RunSocket } from '../live/runSocket';
import { parseRunsFeedMessage, runsFeedUrl, upsertRunSummary } from './runsFeed';

function applySummary(queryClient: QueryClient, run: RunSummary): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: runKeys.lists() })) {
    const filters = (query.queryKey[2] ?? {}) as RunFilters;
    queryClient.setQueryData<readonly RunSummary[]>(query.queryKey, (list) =>
      list ? upsertRunSummary(list, run, filters) : list,
    );
  }
}

export function useRunsFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = new RunSocket({
      url: runsFeedUrl(),
      isFinal: () => false,
      onFrame: (data) => {
        const run = parseRunsFeedMessage(data);
        if (run) applySummary(queryClient, run);
      },
      onOpen: (reconnected) => {
        if (reconnected) void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
      },
    });
    socket.start();
    const online = () => socket.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      socket.stop();
    };
  }, [queryClient]);
}
