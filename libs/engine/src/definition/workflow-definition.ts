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

export interface WorkflowReference {
  name: string;
  /** Absent: the latest version when the parent run starts. */
  version?: number;
}

export interface TaskDefinition {
  key: string;
  description?: string;
  /** Exactly one of `type` (a registered task type) and `workflow` (a sub-workflow). */
  type?: string;
  workflow?: string | WorkflowReference;
  input?: JsonValue;
  dependsOn?: string[];
  trigger?: TriggerRule;
  when?: string;
  forEach?: string;
  priority?: PriorityClass;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  resources?: ResourceRequest;
  affinity?: string;
  concurrency?: ConcurrencySetting;
}

export interface WorkflowDefaults {
  priority?: PriorityClass;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  runTimeoutMs?: number;
}

export interface WorkflowDefinition {
  name: string;
  description?: string;
  inputSchema?: Record<string, JsonValue>;
  defaults?: WorkflowDefaults;
  tasks: TaskDefinition[];
  output?: JsonValue;
}
