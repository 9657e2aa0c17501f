import { Injectable } from '@nestjs/common';
import { NotFoundError, RunStarterService, type StartedRun } from '@taskloom/orchestrator';
import { RunRepository, TaskAttemptRepository, TaskControlRepository } from '@taskloom/persistence';
import { inSpan, traceparentOf } from '@taskloom/telemetry';
import { BacklogGuard } from './backlog.guard';
import { WaitFactsService } from './wait-facts.service';
import { isoOrNull, presentRun, presentRunConcurrency, presentTasks } from './present-run';
import { startRunCommand } from './start-run-command';
import { decodeCursor, TimeKeyCursor, timeKeyCursor } from '../common/page-cursor';
import type { RunSearchQuery, RunView, StartRunBody, TaskLogsView } from './run.schemas';

@Injectable()
export class RunsService {
  constructor(
    private readonly starter: RunStarterService,
    private readonly runs: RunRepository,
    private readonly taskControl: TaskControlRepository,
    private readonly backlog: BacklogGuard,
    private readonly attempts: TaskAttemptRepository,
    private readonly waitFacts: WaitFactsService,
  ) {}

  /** A run of another tenant is answered exactly like a run that does not exist. */
  async assertVisible(runId: string, tenant: string): Promise<void> {
    if ((await this.runs.tenantOf(runId)) !== tenant) throw new NotFoundError(`run ${runId} not found`);
  }

  async logs(runId: string, key: string, itemIndex: number | undefined, tenant: string): Promise<TaskLogsView> {
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
        startedAt: isoOrNull(attempt.startedAt),
        finishedAt: attempt.finishedAt.toISOString(),
        durationMs: attempt.durationMs,
        error: attempt.error as TaskLogsView['attempts'][number]['error'],
        logs: (attempt.logs ?? []) as TaskLogsView['attempts'][number]['logs'],
      })),
    };
  }

  async start(workflow: string, body: StartRunBody, tenant: string): Promise<StartedRun> {
    await this.backlog.assertAccepting();
    // The run keeps this span's context: its dispatches and attempts, in other processes, join this trace.
    return inSpan('taskloom.run.create', { attributes: { 'taskloom.workflow': workflow } }, async (span) => {
      const run = await this.starter.start(startRunCommand(workflow, body, tenant, traceparentOf(span)));
      span.setAttribute('taskloom.run_id', run.id);
      return run;
    });
  }

  async get(id: string, tenant: string): Promise<RunView> {
    const run = await this.runs.findById(id);
    if (!run || run.tenant !== tenant) throw new NotFoundError(`run ${id} not found`);
    const tasks = await this.taskControl.findByRun(id);
    return {
      ...presentRun(run),
      concurrency: presentRunConcurrency(run),
      tasks: presentTasks(tasks, await this.waitFacts.of(run, tasks)),
    };
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
