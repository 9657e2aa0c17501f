/** @taskloom/sdk/testing: run task types without Redis or PostgreSQL. */
export { runTask, runTasks, type RunTaskOptions, type TaskResult } from './run-task';
export { expectFailed, expectSucceeded } from './expect-result';
export { createMockContext, type MockContext } from './mock-context';
