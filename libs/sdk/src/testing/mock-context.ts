import type { LogLine } from '../execution/execution-types';
import { createTaskContext } from '../isolation/task-context-factory';
import type { BatchTaskContext, TaskRef } from '../task/task-context';

export interface MockContext {
  /** Pass to run(input, ctx) or runBatch(inputs, ctx). */
  ctx: BatchTaskContext;
  logs: LogLine[];
  heartbeats: unknown[];
  /** Aborts ctx.signal, as a timeout or cancel would. */
  abort(reason?: unknown): void;
}

/**
 * A TaskContext for calling a handler directly (no validation, no isolation):
 * for unit tests of handler logic. Use runTask() to test the task as the
 * executor runs it.
 */
export function createMockContext(
  overrides: Partial<TaskRef> & { taskType?: string; items?: TaskRef[] } = {},
): MockContext {
  const ref: TaskRef = {
    attempt: overrides.attempt ?? 1,
    runId: overrides.runId ?? 'test-run',
    taskId: overrides.taskId ?? 'test-task-1',
    taskKey: overrides.taskKey ?? 'test',
  };
  const controller = new AbortController();
  const logs: LogLine[] = [];
  const heartbeats: unknown[] = [];
  const { ctx } = createTaskContext(overrides.taskType ?? 'test.task', overrides.items ?? [ref], controller.signal, {
    log: (line) => logs.push(line),
    heartbeat: (details) => heartbeats.push(details),
  });
  return { ctx, logs, heartbeats, abort: (reason) => controller.abort(reason) };
}
