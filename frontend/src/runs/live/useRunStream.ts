/**
 * Hook that opens the live stream of a run for as long as the run page shows it, and feeds the
 * REST copy of the run into the same handlers as a snapshot.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { fetchRun, runKeys } from '../../api/runs';
import type { Run } from '../../api/types';
import { useRunLive } from './liveStore';
import { runSocketUrl } from './runSocket';
import { RunStream } from './runStream';

export function useRunStream(runId: string, run: Run | undefined): void {
  const queryClient = useQueryClient();
  const streamRef = useRef<RunStream | null>(null);

  useEffect(() => {
    const live = useRunLive.getState();
    live.reset(runId);
    const stream = new RunStream({
      url: runSocketUrl(runId),
      sink: {
        receive: (message) => useRunLive.getState().receive(message),
        beginResync: () => useRunLive.getState().beginResync(),
        status: () => useRunLive.getState().status,
        resyncing: () => useRunLive.getState().resyncing,
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
    return () => {
      stream.stop();
      streamRef.current = null;
    };
  }, [runId, queryClient]);

  useEffect(() => {
    if (run && String(run.id) === runId) streamRef.current?.deliverRun(run);
  }, [run, runId]);
}
