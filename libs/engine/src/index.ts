export type { JsonObject, JsonValue } from './json/json-value';
export { canonicalJson } from './json/canonical-json';

export { DEFAULT_PRIORITY, PRIORITY_CLASSES, type PriorityClass } from './model/priority';
export {
  ConcurrencyKeyTooLong,
  MAX_CONCURRENCY_KEY_LENGTH,
  qualifiedConcurrencyKey,
  unqualifiedConcurrencyKey,
} from './model/concurrency-key';
export {
  MAX_RATE_KEY_LENGTH,
  RateKeyTooLong,
  rateBucketOf,
  rateKeyLabel,
  type RateBucket,
  type RateBucketSource,
  type RateLimitDefault,
} from './model/rate-key';
export {
  ACTIVE_RUN_STATUSES,
  ACTIVE_TASK_STATUSES,
  ADMITTED_RUN_STATUSES,
  DISPATCHABLE_RUN_STATUSES,
  RUN_STATUSES,
  TASK_STATUSES,
  TERMINAL_RUN_STATUSES,
  decideRunStatus,
  isTerminalRunStatus,
  isTerminalTaskStatus,
  type RunStatus,
  type TaskStatus,
} from './model/statuses';
export {
  DEFAULT_TRIGGER,
  TRIGGER_RULES,
  decideTrigger,
  type TriggerDecision,
  type TriggerRule,
  type UpstreamCounts,
} from './model/trigger-rule';
export { DEFAULT_RETRY, hasAttemptsLeft, mergeRetryPolicy, retryDelayMs, type RetryPolicy } from './model/retry-policy';

export {
  DEFAULT_TIMEOUT_MS,
  MAX_DEPENDENCIES_PER_TASK,
  MAX_DURATION_MS,
  MAX_EXPRESSION_LENGTH,
  MAX_JSON_DEPTH,
  MAX_RETRY_ATTEMPTS,
  MAX_TASKS_PER_DEFINITION,
} from './definition/limits';
export { planRunAdmission, type RunAdmission, type RunKeyState } from './model/run-admission';
export { ON_LIMIT_POLICIES } from './definition/workflow-definition';
export type {
  EventTrigger,
  ConcurrencySetting,
  RateLimitSetting,
  OnLimit,
  RunConcurrencySetting,
  ResourceRequest,
  SleepDefinition,
  TaskDefinition,
  WaitForDefinition,
  WorkflowDefaults,
  WorkflowDefinition,
  WorkflowReference,
} from './definition/workflow-definition';
export {
  JsonValueSchema,
  EVENT_NAME_PATTERN,
  PrioritySchema,
  SIGNAL_NAME_PATTERN,
  TASK_KEY_PATTERN,
  WORKFLOW_NAME_PATTERN,
  WorkflowDefinitionSchema,
} from './definition/definition.schema';
export { DefinitionError, type DefinitionIssue } from './definition/definition-error';
export type { DefinitionContext } from './definition/definition-context';
export { validateDefinition } from './definition/validate-definition';
export { definitionChecksum } from './definition/definition-checksum';

export type { PlannedTask, PlannedTaskKind, WorkflowPlan } from './plan/workflow-plan';
export { resolveSleep, SleepTimeInvalid, type SleepWake } from './wait/sleep-wake';
export { compilePlan } from './plan/compile-plan';

export type { TaskView, TemplateScope } from './template/template-scope';
export { TemplateError } from './template/template-error';
export { evaluateEventCondition, type EventScope } from './template/evaluate-event-condition';
export { EXPRESSION_LIMITS } from './template/parse-expression';
export { renderTemplate } from './template/render-template';
export { evaluateCondition } from './template/evaluate-condition';
export { evaluateForEach } from './template/evaluate-for-each';
export {
  renderTask,
  type RenderedInput,
  type RenderedTask,
  type RenderTaskLimits,
  type TaskTemplates,
} from './template/render-task';
export { isInlineEvaluation } from './template/inline-evaluation';
export { NeedsFullEvaluation, readPathOnly } from './template/evaluate-expression';
export { Re2RegExp, re2RegExpEngine, UnsupportedRegexError } from './regex/re2-regexp';
export { expressionReferences, type ExpressionReferences } from './template/expression-references';
export { templateReferences } from './template/template-references';
export {
  classifyUnstorableText,
  describeProblem,
  escapeUnstorable,
  escapeUnstorableJson,
  findUnstorable,
  inspectStorable,
  type JsonProblem,
  type UnstorableText,
} from './json/storable-json';

export * from './schedule';
