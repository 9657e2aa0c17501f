import { TERMINAL_TASK, type RunView, type TaskView, type WorkflowDefinition } from '../api/types';

/** Why a task that has not ended is not running, in words, from the run and its definition. */
export function whyWaiting(
  task: TaskView,
  run: RunView,
  definition: WorkflowDefinition | undefined,
): string | undefined {
  if (TERMINAL_TASK.has(task.status) || task.status === 'running') return undefined;
  if (task.status === 'waiting') return waitingFor(task);
  if (run.status === 'paused') return 'The run is paused: nothing new is dispatched until it is resumed.';
  if (run.status === 'queued') {
    const key = run.concurrency ? ` '${run.concurrency.key}' (limit ${run.concurrency.limit})` : '';
    return `The run is queued: every slot of its workflow's concurrency key${key} is taken; it starts when one frees.`;
  }
  if (run.status === 'scheduled') return 'The run is scheduled: it starts at its start time (startAt or delayMs).';
  switch (task.status) {
    case 'blocked': {
      const declared = definition?.tasks.find((candidate) => candidate.key === task.key);
      const statusOf = new Map(run.tasks.map((other) => [other.key, other.status]));
      const open = (declared?.dependsOn ?? []).filter((parent) => !TERMINAL_TASK.has(statusOf.get(parent) ?? ''));
      return open.length > 0
        ? `Waiting for ${open.map((parent) => `${parent} (${statusOf.get(parent) ?? 'unknown'})`).join(', ')}.`
        : 'Its dependencies have ended; its trigger rule is being decided.';
    }
    case 'ready':
      return 'Ready: waiting for the router to dispatch it to a queue (backpressure or a paused queue holds it back; see Operations).';
    case 'queued':
      return `Queued: waiting for a free executor slot for ${task.type ?? 'its type'} (see Operations for executors, capacity and paused queues).`;
    default:
      return task.kind === 'foreach' || task.kind === 'workflow'
        ? 'Waiting for its items or child run to end.'
        : undefined;
  }
}

/** A durable sleep or a signal wait: it holds no executor slot and no queue job. */
function waitingFor(task: TaskView): string {
  const until = task.wait?.until ? new Date(task.wait.until).toLocaleString() : undefined;
  if (task.wait?.signal) {
    return `Waiting for the signal '${task.wait.signal}'${until ? ` until ${until}, then it fails` : ''} (no executor slot).`;
  }
  return `Sleeping${until ? ` until ${until}` : ''} (a durable sleep: no executor slot).`;
}
