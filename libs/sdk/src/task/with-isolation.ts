import { TASK_TYPE_BRAND, type IsolationMode, type TaskType } from './task-type';

/** The same task type run under another isolation mode (the test harness uses it). */
export function withIsolation<I, O>(task: TaskType<I, O>, isolation: IsolationMode): TaskType<I, O> {
  if (task.isolation === isolation) return task;
  const copy = { ...task, isolation };
  Object.defineProperty(copy, TASK_TYPE_BRAND, { value: 1, enumerable: false });
  return Object.freeze(copy);
}
