import { Injectable } from '@nestjs/common';
import type { JsonValue } from '@taskloom/engine';
import { NotFoundError, RunStarterService, type StartedRun } from '@taskloom/orchestrator';
import {
  RunRepository,
  TaskAttemptRepository,
  TaskRepository,
  type RunEntity,
  type RunListRow,
  type TaskEntity,
} from '@taskloom/persistence';
import { priorityClassOfRank } from '@taskloom/queue';
import { inSpan, traceparentOf } from '@taskloom/telemetry';
import { BacklogGuard } from './backlog.guard';
import { decodeCursor, TimeKeyCursor, timeKeyCursor } from '../common/page-cursor';
import type { RunSearchQuery, StartRunBody } from './run.schemas';

@Injectable()
export class RunsService {
  constructor(
    private readonly starter: RunStarterService,
    private readonly runs: RunRepository,
    private readonly tasks: TaskRepository,
    private readonly backlog: BacklogGuard,
    private readonly attempts: TaskAttemptRepository,
  ) {}

  /** A run of another tenant is answered exactly like a run that does not exist. */
  async assertVisible(runId: string, tenant: string): Promise<void> {
    if ((await this.runs.tenantOf(runId)) !== tenant) throw new NotFoundError(`run ${runId} not found`);
  }

  async logs(runId: string, key: string, itemIndex: number | undefined, tenant: string) {
    await this.assertVisible(runId, tenant);
    const attempts = await this.attempts.logsOf(runId, key, itemIndex);
    return {
      runId,
      key,
      ...(itemIndex === undefined ? {} : { index: itemIndex }),
      attempts: attempts.map((attempt) => ({
        attempt: attempt.attempt,
        status: attempt.status,
        executorId: attempt.executorId,
        startedAt: attempt.startedAt,
        finishedAt: attempt.finishedAt,
        durationMs: attempt.durationMs,
        error: attempt.error,
        logs: attempt.logs ?? [],
      })),
    };
  }

  start(workflow: string, body: StartRunBody, tenant: string): Promise<StartedRun> {
    this.backlog.assertAccepting();
    // The run keeps this span's context: its dispatches and attempts, in other processes, join this trace.
    return inSpan('taskloom.run.create', { attributes: { 'taskloom.workflow': workflow } }, async (span) => {
      const run = await this.starter.start({
        workflow,
        version: body.version,
        owner: body.owner,
        input: body.input as JsonValue,
        priority: body.priority,
        idempotencyKey: body.idempotencyKey,
        tags: body.tags,
        tenant,
        traceparent: traceparentOf(span),
      });
      span.setAttribute('taskloom.run_id', run.id);
      return run;
    });
  }

  async get(id: string, tenant: string) {
    const run = await this.runs.findById(id);
    if (!run || run.tenant !== tenant) throw new NotFoundError(`run ${id} not found`);
    const tasks = await this.tasks.findByRun(id);
    return { ...presentRun(run), tasks: presentTasks(tasks) };
  }

  async search(query: RunSearchQuery, tenant: string) {
    const page = await this.runs.search({
      tenant,
      workflow: query.workflow,
      status: query.status,
      tag: query.tag,
      since: query.since,
      until: query.until,
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor, TimeKeyCursor) : undefined,
    });
    const last = page.items.at(-1);
    return {
      items: page.items.map(presentRun),
      nextCursor: page.more && last ? timeKeyCursor(last) : null,
    };
  }
}

function presentRun(run: RunListRow | RunEntity) {
  return {
    id: run.id,
    workflow: run.workflowName,
    version: run.workflowVersion,
    status: run.status,
    priority: priorityClassOfRank(run.priority),
    input: run.input,
    output: run.output,
    error: run.error,
    tags: run.tags,
    parentTaskId: run.parentTaskId,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/** Top-level tasks in definition order; a forEach task lists its items in item order. */
function presentTasks(tasks: TaskEntity[]) {
  const itemsOf = new Map<string, TaskEntity[]>();
  for (const task of tasks) {
    if (task.parentTaskId) itemsOf.set(task.parentTaskId, [...(itemsOf.get(task.parentTaskId) ?? []), task]);
  }
  return tasks
    .filter((task) => !task.parentTaskId)
    .map((task) => {
      const items = itemsOf.get(task.id);
      return {
        ...presentTask(task),
        ...(task.kind === 'foreach'
          ? { items: (items ?? []).sort((a, b) => a.itemIndex! - b.itemIndex!).map(presentTask) }
          : {}),
      };
    });
}

function presentTask(task: TaskEntity) {
  return {
    id: task.id,
    key: task.key,
    kind: task.kind,
    type: task.type,
    status: task.status,
    attempts: task.attempt,
    // Of those attempts, how many were interrupted (executor lost or shut down): they did not use up retries.
    interruptions: task.interruptions,
    priority: priorityClassOfRank(task.priority),
    ...(task.itemIndex === null ? {} : { index: task.itemIndex }),
    input: task.input,
    output: task.output,
    error: task.error,
    queuedAt: task.queuedAt,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
  };
}
