/**
 * Keeps every cached runs list current from the runs feed while a page that shows runs is open.
 * Feed messages update the TanStack Query cache (plain lists and paged ones); after a reconnect the lists are refetched,
 * since summaries sent while disconnected are gone.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchRun, runKeys, type RunFilters } from '../../api/runs';
import type { RunSummary } from '../../api/models';
import { RunSocket } from '../live/runSocket';
import { metricsOfRun, type RunRow } from './runColumns';
import { isPagedData, parseRunsFeedMessage, runsFeedUrl, upsertRunPages, upsertRunSummary } from './runsFeed';

const FINAL = new Set(['completed', 'failed', 'canceled']);

function applySummary(queryClient: QueryClient, run: RunRow): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: runKeys.lists() })) {
    const filters = (query.queryKey[2] ?? {}) as RunFilters;
    queryClient.setQueryData<unknown>(query.queryKey, (data: unknown) => {
      if (Array.isArray(data)) return upsertRunSummary(data as RunSummary[], run, filters);
      if (isPagedData(data)) return upsertRunPages(data, run, filters);
      return data;
    });
  }
}

/**
 * The feed's summaries carry no metrics: when a run shown in pages ends, its metrics are read
 * from the run once, for the metric columns.
 */
function fillMetrics(queryClient: QueryClient, run: RunSummary): void {
  if (!FINAL.has(run.status)) return;
  const shown = queryClient
    .getQueryCache()
    .findAll({ queryKey: runKeys.lists() })
    .some((query) => {
      const data = query.state.data;
      return isPagedData(data) && data.pages.some((page) => page.results.some((row) => String(row.id) === String(run.id)));
    });
  if (!shown) return;
  fetchRun(run.id)
    .then((detail) => applySummary(queryClient, { ...run, metrics: metricsOfRun(detail) }))
    .catch(() => undefined); // the row keeps its last metrics; the next read of the list has them
}

export function useRunsFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = new RunSocket({
      url: runsFeedUrl(),
      isFinal: () => false,
      onFrame: (data) => {
        const run = parseRunsFeedMessage(data);
        if (!run) return;
        applySummary(queryClient, run);
        fillMetrics(queryClient, run);
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
