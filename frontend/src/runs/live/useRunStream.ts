/**
 * Hook that opens the live stream of a run for as long as a page shows it, and feeds the REST
 * copy of the run into the same handlers as a snapshot. The store defaults to the run view's;
 * the designer's overlay passes its own.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Run } from '../../api/models';
import { fetchRun, runKeys } from '../../api/runs';
import { useRunLive, type LiveStoreHook } from './liveStore';
import { runSocketUrl } from './runSocket';
import { RunStream } from './runStream';

export function useRunStream(runId: string, run: Run | undefined, store: LiveStoreHook = useRunLive): void {
  const queryClient = useQueryClient();
  const streamRef = useRef<RunStream | null>(null);

  useEffect(() => {
    store.getState().reset(runId);
    const stream = new RunStream({
      url: runSocketUrl(runId),
      sink: {
        receive: (messages) => store.getState().receiveAll(messages),
        beginResync: () => store.getState().beginResync(),
        status: () => store.getState().status,
        resyncing: () => store.getState().resyncing,
      },
      fetchRun: () =>
        queryClient.fetchQuery({
          queryKey: runKeys.detail(runId),
          queryFn: ({ signal }) => fetchRun(runId, signal),
          staleTime: 0,
        }),
      onResynced: () => void queryClient.invalidateQueries({ queryKey: [...runKeys.detail(runId), 'logs'] }),
    });
    streamRef.current = stream;
    stream.start();
    const online = () => stream.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      stream.stop();
      streamRef.current = null;
    };
  }, [runId, queryClient, store]);

  useEffect(() => {
    if (run && String(run.id) === runId) streamRef.current?.deliverRun(run);
  }, [run, runId]);
}
