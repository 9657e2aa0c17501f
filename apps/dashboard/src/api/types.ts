export type RunStatus =
  'scheduled' | 'queued' | 'pending' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
export type TaskStatus =
  'blocked' | 'ready' | 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const RUN_STATUSES: RunStatus[] = [
  'scheduled',
  'queued',
  'pending',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
];
export const TERMINAL_RUN: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);
export const TERMINAL_TASK: ReadonlySet<string> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

export interface RunSummary {
  id: string;
  workflow: string;
  version: number;
  status: RunStatus;
  priority: string;
  input: unknown;
  output: unknown;
  error: unknown;
  tags: string[];
  parentTaskId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface TaskView {
  id: string;
  key: string;
  kind: 'task' | 'workflow' | 'foreach' | 'item' | 'sleep' | 'signal';
  type: string | null;
  status: TaskStatus;
  attempts: number;
  interruptions: number;
  priority: string;
  index?: number;
  input: unknown;
  output: unknown;
  error: unknown;
  queuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** A waiting task: the signal it waits for, and when it ends (null: no timeout). */
  wait?: { signal?: string; until: string | null };
  items?: TaskView[];
  /** Item counts by status, when the API summarises a large forEach instead of listing every item. */
  itemCounts?: Partial<Record<TaskStatus, number>>;
}

export interface RunView extends RunSummary {
  /** The run's workflow concurrency key; null when its workflow has none. */
  concurrency?: { key: string; limit: number; onLimit: string } | null;
  tasks: TaskView[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AttemptLog {
  attempt: number;
  status: string;
  executorId: string | null;
  startedAt: string | null;
  finishedAt: string;
  durationMs: number | null;
  error: unknown;
  logs: unknown[];
}

export interface TaskLogs {
  runId: string;
  key: string;
  index?: number;
  attempts: AttemptLog[];
}

export interface AttemptBar {
  taskKey: string;
  attempt: number;
  status: string;
  executorId: string | null;
  startedAt: string | null;
  finishedAt: string;
  durationMs: number | null;
}

export interface ChildRun {
  taskKey: string;
  index?: number;
  id: string;
  workflow: string;
  version: number;
  status: RunStatus;
}

export interface TaskDefinition {
  key: string;
  description?: string;
  type?: string;
  workflow?: string | { name: string; version?: number };
  sleep?: { durationMs?: number; until?: string };
  waitFor?: { signal: string; timeoutMs?: number };
  dependsOn?: string[];
  forEach?: string;
  when?: string;
  trigger?: string;
}

export interface WorkflowDefinition {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  tasks: TaskDefinition[];
}

export interface WorkflowVersion {
  name: string;
  version: number;
  owner: string;
  shared: boolean;
  checksum: string;
  definition: WorkflowDefinition;
  createdAt: string;
}

export interface WorkflowDetail extends WorkflowVersion {
  versions: { version: number; checksum: string; createdAt: string }[];
}

export interface WorkflowListItem {
  name: string;
  owner: string;
  shared: boolean;
  latestVersion: number;
  description: string | null;
  updatedAt: string;
}

export interface Session {
  authEnabled: boolean;
  tenant: string;
  scopes: string[];
}
