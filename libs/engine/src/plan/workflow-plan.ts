import type {
  ConcurrencySetting,
  RateLimitSetting,
  ResourceRequest,
  WaitForDefinition,
  WorkflowDefinition,
  WorkflowReference,
} from '../definition/workflow-definition';
import type { JsonValue } from '../json/json-value';
import type { PriorityClass } from '../model/priority';
import type { RetryPolicy } from '../model/retry-policy';
import type { TriggerRule } from '../model/trigger-rule';

/** One task with every default resolved, ready for the orchestrator. */
export interface PlannedTask {
  key: string;
  /** Position in the plan's topological order. */
  index: number;
  /** `sleep` and `signal` tasks wait in PostgreSQL: no queue job, no executor slot. */
  kind: PlannedTaskKind;
  type?: string;
  workflow?: WorkflowReference;
  /** A signal task's wait. */
  waitFor?: WaitForDefinition;
  /** Direct parents, as listed in the definition. */
  dependsOn: string[];
  /** Direct dependents, in definition order. */
  children: string[];
  /**
   * Every task upstream, in topological order. Computed on first read: on a
   * 10,000-task chain the lists add up to 50 million entries.
   */
  readonly ancestors: string[];
  trigger: TriggerRule;
  when?: string;
  forEach?: string;
  /**
   * As written, templates kept; `{}` when the definition has none. A sleep's
   * is its `sleep` object (`{durationMs}` or `{until}`), rendered like any input.
   */
  input: JsonValue;
  priority: PriorityClass;
  timeoutMs: number;
  /** Longest time from ready to started; absent: no limit. */
  queueTimeoutMs?: number;
  retry: RetryPolicy;
  resources?: ResourceRequest;
  affinity?: string;
  concurrency?: ConcurrencySetting;
  rateLimit?: RateLimitSetting;
  /**
   * Tasks whose results this task's input, when, forEach and affinity read:
   * load exactly these into the template scope. An expression that reads
   * tasks it does not name (`tasks.*`) reads all ancestors.
   */
  referencedTasks: string[];
}

export type PlannedTaskKind = 'task' | 'workflow' | 'sleep' | 'signal';

export interface WorkflowPlan {
  definition: WorkflowDefinition;
  /** Topological order: parents before children, ties in definition order. */
  tasks: PlannedTask[];
  byKey: ReadonlyMap<string, PlannedTask>;
  /** Tasks without dependencies, in plan order. */
  roots: string[];
  output?: JsonValue;
  /** Tasks the output template reads (every task when it reads tasks it does not name). */
  outputReferences: string[];
  runTimeoutMs?: number;
}
