import type { AnyTaskType } from '../task/task-type';
import type { BatchTaskContext } from '../task/task-context';
import type { InvocationMode } from './invocation';
import { singleContext } from './task-context-factory';

/** Calls run or runBatch; a synchronous throw becomes a rejection. */
export async function callHandler(
  task: AnyTaskType,
  mode: InvocationMode,
  payload: unknown,
  ctx: BatchTaskContext,
): Promise<unknown> {
  if (mode === 'runBatch') {
    if (!task.runBatch) throw new TypeError(`${task.type} has no runBatch handler`);
    return await task.runBatch(payload as unknown[], ctx);
  }
  if (!task.run) throw new TypeError(`${task.type} has no run handler`);
  return await task.run(payload, singleContext(ctx));
}
