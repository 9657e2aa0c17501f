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
  const { queue: _queue, traceparent: _runTrace, ...job } = task;
  const data: TaskJobData = { ...job, ...(traceparent ? { traceparent } : {}) };
  return {
    name: TASK_JOB_NAME,
    data,
    opts: {
      jobId: jobIdFor(task.taskId, task.attempt),
      priority: bullPriorityFor(priorityClassOfRank(agedRank(task.priority, now - task.readyAt, agingMs))),
      // PostgreSQL keeps the record; finished jobs would only fill Redis.
      removeOnComplete: true,
      removeOnFail: true,
    },
  };
}
