import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import {
  TERMINAL_RUN,
  type AttemptBar,
  type ChildRun,
  type RunView,
  type TaskLogs,
  type WorkflowVersion,
} from '../api/types';

/** The run page's one periodic request: the run with its tasks, every second until the run ends. */
export const RUN_POLL_MS = 1000;

export function useRun(runId: string) {
  return useQuery({
    queryKey: ['run', runId],
    queryFn: () => api.get<RunView>(`/runs/${runId}`),
    refetchInterval: (query) => (query.state.data && TERMINAL_RUN.has(query.state.data.status) ? false : RUN_POLL_MS),
  });
}

/** A version of a definition never changes: read once. */
export function useDefinition(name: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['workflow', name, version],
    queryFn: () => api.get<WorkflowVersion>(`/workflows/${encodeURIComponent(name!)}/versions/${version}`),
    enabled: name !== undefined && version !== undefined,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Child runs and attempts are read again only when `revision` changes (a
 * task of the run changed status), not on a timer: the page stays at one
 * periodic request.
 */
export function useChildren(runId: string, revision: string, enabled: boolean) {
  return useQuery({
    queryKey: ['run', runId, 'children', revision],
    queryFn: () => api.get<{ items: ChildRun[]; truncated: boolean }>(`/runs/${runId}/children`),
    enabled,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

export function useAttempts(runId: string, revision: string, enabled: boolean) {
  return useQuery({
    queryKey: ['run', runId, 'attempts', revision],
    queryFn: () => api.get<{ items: AttemptBar[]; truncated: boolean }>(`/runs/${runId}/attempts`),
    enabled,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

export function useTaskLogs(runId: string, key: string, index: number | undefined, revision: string) {
  return useQuery({
    queryKey: ['run', runId, 'logs', key, index, revision],
    queryFn: () =>
      api.get<TaskLogs>(
        `/runs/${runId}/tasks/${encodeURIComponent(key)}/logs${index === undefined ? '' : `?index=${index}`}`,
      ),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}
