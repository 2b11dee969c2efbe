/**
 * Schedules and data triggers of endpoints: list (all, or one endpoint's), create, pause and
 * resume, delete, and "run now" for a schedule. Query keys and hooks only; forms live in
 * schedules/.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, http } from './http';
import { runKeys } from './runs';
import type { DataTrigger, DataTriggerInput, RunNow, Schedule, ScheduleInput } from './models';

export const scheduleKeys = {
  all: ['schedules'] as const,
  list: (endpoint?: string) => [...scheduleKeys.all, 'list', endpoint ?? ''] as const,
};

export const triggerKeys = {
  all: ['triggers'] as const,
  list: (endpoint?: string) => [...triggerKeys.all, 'list', endpoint ?? ''] as const,
};

/** Next and last firings move while the page is open. */
export const SCHEDULES_POLL_MS = 15_000;

const schedulePath = (id: number) => `/api/schedules/${id}/`;
const triggerPath = (id: number) => `/api/triggers/${id}/`;

export function useSchedules(endpoint?: string) {
  return useQuery({
    queryKey: scheduleKeys.list(endpoint),
    queryFn: ({ signal }) => fetchAllPages<Schedule>('/api/schedules/', { endpoint }, signal),
    refetchInterval: SCHEDULES_POLL_MS,
  });
}

function useScheduleMutation<T, R>(mutationFn: (value: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: scheduleKeys.all }),
  });
}

export function useCreateSchedule() {
  return useScheduleMutation((body: ScheduleInput) => http.post<Schedule>('/api/schedules/', body));
}

export function useUpdateSchedule(id: number) {
  return useScheduleMutation((patch: Partial<ScheduleInput>) => http.patch<Schedule>(schedulePath(id), patch));
}

export function useDeleteSchedule(id: number) {
  return useScheduleMutation(() => http.delete<void>(schedulePath(id)));
}

export function useRunScheduleNow(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<RunNow>(`${schedulePath(id)}run-now/`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
  });
}

export function useTriggers(endpoint?: string) {
  return useQuery({
    queryKey: triggerKeys.list(endpoint),
    queryFn: ({ signal }) => fetchAllPages<DataTrigger>('/api/triggers/', { endpoint }, signal),
    refetchInterval: SCHEDULES_POLL_MS,
  });
}

function useTriggerMutation<T, R>(mutationFn: (value: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: triggerKeys.all }),
  });
}

export function useCreateTrigger() {
  return useTriggerMutation((body: DataTriggerInput) => http.post<DataTrigger>('/api/triggers/', body));
}

export function useUpdateTrigger(id: number) {
  return useTriggerMutation((patch: Partial<DataTriggerInput>) => http.patch<DataTrigger>(triggerPath(id), patch));
}

export function useDeleteTrigger(id: number) {
  return useTriggerMutation(() => http.delete<void>(triggerPath(id)));
}
