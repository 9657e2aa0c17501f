/**
 * @taskloom/sdk: write Taskloom plugins. Named re-exports only; deep imports
 * into dist/ are not part of the public API.
 */
export { z } from 'zod';

// Task types and plugins
export { defineTask } from './task/define-task';
export type { BatchTaskOptions, SingleTaskOptions, TaskOptions } from './task/task-options';
export { TASK_TYPE_PATTERN } from './task/validate-task-options';
export { ISOLATION_MODES, isTaskType } from './task/task-type';
export type {
  AnyTaskType,
  BatchOptions,
  IsolationMode,
  JsonSchema,
  RateLimitDefaults,
  RetryDefaults,
  TaskType,
} from './task/task-type';
export type { BatchTaskContext, LogFields, TaskContext, TaskLogger, TaskRef } from './task/task-context';
export { describeTaskType, type TaskTypeDescriptor } from './task/describe-task-type';
export { definePlugin, isPlugin, PLUGIN_CONTRACT_VERSION, type Plugin, type PluginOptions } from './plugin/plugin';
export { loadPlugin } from './plugin/load-plugin';
export { resolvePluginPath } from './plugin/resolve-plugin';

// Resources
export { RESOURCE_PROFILE_NAMES, RESOURCE_PROFILES } from './resources/resource-profile';
export type {
  ResourceOverrides,
  ResourceProfile,
  ResourceProfileName,
  ResourceSpec,
} from './resources/resource-profile';
export { isResourceProfileName, resolveResources } from './resources/resolve-resources';

// Errors
export {
  InputValidationError,
  NonRetryableError,
  OutputTooLargeError,
  OutputValidationError,
  RateLimitedError,
  ResourceLimitError,
  RetryLaterError,
  TaskCancelledError,
  TaskError,
  TaskTimeoutError,
  type TaskErrorOptions,
} from './errors/task-errors';
export { TASK_ERROR_KINDS, type TaskErrorKind } from './errors/error-kind';
export {
  isNonRetryableError,
  isRateLimitedError,
  isResourceLimitError,
  isRetryLaterError,
  isTaskCancelledError,
  isTaskError,
  isTaskTimeoutError,
  taskErrorKind,
} from './errors/guards';
export {
  describeFailure,
  deserializeTaskError,
  isTaskFailure,
  serializeTaskError,
  type TaskFailure,
} from './errors/serialize';
export {
  InvalidResourceSpecError,
  PluginDefinitionError,
  PluginLoadError,
  TaskDefinitionError,
  TaskHostConfigError,
  TaskloomSdkError,
  UnknownResourceProfileError,
} from './errors/sdk-errors';

// Execution (the executor and the test harness)
export { TaskHost, type TaskHostOptions } from './execution/task-host';
export { Batcher, type BatcherOptions } from './execution/batcher';
export type { ExecutionRequest, ExecutionResult, LogLevel, LogLine } from './execution/execution-types';
export type { IsolateStats } from './isolation/invocation';
