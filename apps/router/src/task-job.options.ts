import type { ClaimedTask } from '@taskloom/persistence';
import {
  agedRank,
  bullPriorityFor,
  jobIdFor,
  priorityClassOfRank,
  TASK_JOB_NAME,
  type TaskJobData,
} from '@taskloom/queue';

/**
 * The queue job of one task attempt. Its id is derived from (task, attempt),
 * so enqueueing the same attempt twice — two reconcilers, a retry of a
 * half-done round — leaves one job.
 */
export function taskJob(task: ClaimedTask, now: number, agingMs: number, traceparent: string | null) {
  const data: TaskJobData = {
    taskId: task.id,
    runId: task.runId,
    definitionId: task.definitionId,
    key: task.key,
    type: task.type,
    attempt: task.attempt,
    maxAttempts: task.maxAttempts,
    input: task.input,
    timeoutMs: task.timeoutMs,
    retry: task.retry,
    priority: task.priority,
    readyAt: task.readyAt.getTime(),
    ...(traceparent ? { traceparent } : {}),
  };
  return {
    name: TASK_JOB_NAME,
    data,
    opts: {
      jobId: jobIdFor(task.id, task.attempt),
      priority: bullPriorityFor(priorityClassOfRank(agedRank(task.priority, now - task.readyAt.getTime(), agingMs))),
      // PostgreSQL keeps the record; finished jobs would only fill Redis.
      removeOnComplete: true,
      removeOnFail: true,
    },
  };
}
