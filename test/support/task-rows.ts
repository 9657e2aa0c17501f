import { randomUUID } from 'node:crypto';
import type { NewTaskRow } from '@taskloom/persistence';

/** A ready core.noop task of a run, as the run builder would insert it; tests override what they look at. */
export function readyTaskRow(runId: string, overrides: Partial<NewTaskRow> = {}): NewTaskRow {
  return {
    id: randomUUID(),
    runId,
    tenant: 'default',
    key: `t-${randomUUID()}`,
    kind: 'task',
    type: 'core.noop',
    status: 'ready',
    priority: 1,
    attempt: 1,
    maxAttempts: 3,
    timeoutMs: 1000,
    queueTimeoutMs: null,
    retry: null,
    input: { n: 1 },
    queue: 'tasks-{0000}-default',
    depsTotal: 0,
    parentTaskId: null,
    itemIndex: null,
    dispatchBonusMs: 0,
    ...overrides,
  };
}
