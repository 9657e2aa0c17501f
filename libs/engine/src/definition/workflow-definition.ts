import type { JsonValue } from '../json/json-value';
import type { PriorityClass } from '../model/priority';
import type { RetryPolicy } from '../model/retry-policy';
import type { TriggerRule } from '../model/trigger-rule';

export interface ResourceRequest {
  profile?: string;
  cpu?: number;
  memoryMb?: number;
}

/** A concurrency key: `key` is a template rendered when the task becomes ready. */
export interface ConcurrencySetting {
  key: string;
  limit: number;
}

/**
 * A rate limit: at most `limit` dispatches per sliding `periodMs` per rendered
 * `key` (a template rendered when the task becomes ready); no key: one
 * bucket for the task (its workflow and key) within the tenant.
 */
export interface RateLimitSetting {
  key?: string;
  limit: number;
  periodMs: number;
}

/** What a run finds when its workflow concurrency key is at its limit (DESIGN §10). */
export type OnLimit = 'queue' | 'cancel_newest' | 'cancel_oldest';
export const ON_LIMIT_POLICIES = ['queue', 'cancel_newest', 'cancel_oldest'] as const satisfies readonly OnLimit[];

/** A workflow's run concurrency key: `key` is a template on the run's input, rendered when the run starts. */
export interface RunConcurrencySetting extends ConcurrencySetting {
  onLimit?: OnLimit;
}

export interface WorkflowReference {
  name: string;
  /** Absent: the latest version when the parent run starts. */
  version?: number;
}

/** A durable sleep: exactly one of the two. */
export interface SleepDefinition {
  durationMs?: number;
  /** A template giving an ISO time. */
  until?: string;
}

/** Waiting for a signal sent to the run under `signal`. */
export interface WaitForDefinition {
  signal: string;
  timeoutMs?: number;
  /** JSON Schema the payload must match. */
  schema?: Record<string, JsonValue>;
}

export interface TaskDefinition {
  key: string;
  description?: string;
  /** Exactly one of `type` (a registered task type), `workflow` (a sub-workflow), `sleep` and `waitFor`. */
  type?: string;
  workflow?: string | WorkflowReference;
  sleep?: SleepDefinition;
  waitFor?: WaitForDefinition;
  input?: JsonValue;
  dependsOn?: string[];
  trigger?: TriggerRule;
  when?: string;
  forEach?: string;
  priority?: PriorityClass;
  timeoutMs?: number;
  queueTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  resources?: ResourceRequest;
  affinity?: string;
  concurrency?: ConcurrencySetting;
  rateLimit?: RateLimitSetting;
}

export interface WorkflowDefaults {
  priority?: PriorityClass;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  runTimeoutMs?: number;
  queueTimeoutMs?: number;
}

/** An event that starts a run of the workflow's latest version (DESIGN §9). */
export interface EventTrigger {
  event: string;
  /** A JSONata condition on `event.payload` (and `event.name`); absent: every such event. */
  when?: string;
}

export interface WorkflowDefinition {
  name: string;
  description?: string;
  inputSchema?: Record<string, JsonValue>;
  defaults?: WorkflowDefaults;
  tasks: TaskDefinition[];
  output?: JsonValue;
  on?: EventTrigger[];
  /** At most `limit` runs with the same rendered key are active at once (ADR 0027). */
  concurrency?: RunConcurrencySetting;
}
