import { Test, type TestingModule } from '@nestjs/testing';
import { loadConfig, TaskloomConfigModule, type TaskloomConfig } from '@taskloom/config';
import type { WorkflowDefinition } from '@taskloom/engine';
import { definitionChecksum, isTerminalRunStatus, type RunStatus } from '@taskloom/engine';
import {
  AttemptService,
  OrchestratorModule,
  RunControlService,
  RunStarterService,
  SubRunLaunchService,
} from '@taskloom/orchestrator';
import {
  DatabasePool,
  PersistenceModule,
  prepareDatabase,
  TaskDispatchRepository,
  TransactionRunner,
  WorkflowDefinitionRepository,
  type ClaimedTask,
} from '@taskloom/persistence';
import { QueueModule } from '@taskloom/queue';
import { createSuiteServices, type SuiteServices } from './services';

/**
 * The orchestrator's services wired to a suite's own real PostgreSQL (and
 * Redis, which the queue module connects to), without any app around them:
 * tests drive claims, starts and completions directly.
 */
export class OrchestratorHarness {
  private constructor(
    readonly services: SuiteServices,
    readonly module: TestingModule,
    readonly config: TaskloomConfig,
  ) {}

  static async create(suite: string, env: Record<string, string> = {}): Promise<OrchestratorHarness> {
    const services = await createSuiteServices(suite);
    const config = loadConfig({ ...services.env, DATABASE_POOL_SIZE: '30', ...env });
    await prepareDatabase(config.database.url, 'taskloom-test');
    const module = await Test.createTestingModule({
      imports: [
        TaskloomConfigModule.forRoot(config),
        PersistenceModule.forRoot({
          url: config.database.url,
          poolSize: config.database.poolSize,
          applicationName: 'taskloom-test',
        }),
        QueueModule.forRoot('taskloom-test'),
        OrchestratorModule,
      ],
    }).compile();
    await module.init();
    return new OrchestratorHarness(services, module, config);
  }

  get starter() {
    return this.module.get(RunStarterService);
  }

  get attempts() {
    return this.module.get(AttemptService);
  }

  get control() {
    return this.module.get(RunControlService);
  }

  get dispatch() {
    return this.module.get(TaskDispatchRepository);
  }

  get database() {
    return this.module.get(DatabasePool);
  }

  /** Registers a definition directly (task types are not checked here; the API does that). */
  async define(definition: WorkflowDefinition): Promise<void> {
    await this.module
      .get(TransactionRunner)
      .run((db) =>
        this.module
          .get(WorkflowDefinitionRepository)
          .registerVersion(db, definition.name, definitionChecksum(definition), definition),
      );
  }

  claim(limit = 10_000): Promise<ClaimedTask[]> {
    return this.module.get(TransactionRunner).run((db) => this.dispatch.claimReady(db, limit, []));
  }

  /** Claims and starts whatever is ready, as a router and an executor would. */
  async claimAndStart(executorId: string): Promise<ClaimedTask[]> {
    const claimed = await this.claim();
    if (claimed.length > 0)
      await this.attempts.start(
        claimed.map((task) => ({ taskId: task.taskId, attempt: task.attempt, startedAt: new Date() })),
        executorId,
      );
    return claimed;
  }

  succeed(task: ClaimedTask, output: unknown = task.input) {
    return this.attempts.complete([
      {
        taskId: task.taskId,
        runId: task.runId,
        definitionId: task.definitionId,
        attempt: task.attempt,
        status: 'succeeded',
        output,
        retry: null,
        maxAttempts: task.maxAttempts,
        priority: task.priority,
        executorId: null,
        startedAt: null,
        durationMs: 1,
      },
    ]);
  }

  fail(task: ClaimedTask, retryable = true) {
    return this.attempts.complete([
      {
        taskId: task.taskId,
        runId: task.runId,
        definitionId: task.definitionId,
        attempt: task.attempt,
        status: 'failed',
        error: { name: 'Boom', message: 'failed on purpose', retryable, retryAfterMs: 0 },
        retry: null,
        maxAttempts: task.maxAttempts,
        priority: task.priority,
        executorId: null,
        startedAt: null,
        durationMs: 1,
      },
    ]);
  }

  /**
   * Plays router and executor until the run ends: launches pending sub-workflow runs, claims what is ready,
   * starts it, and completes it as `behave` says (by default succeeding with
   * its input as output, like core.noop). Returns the run's final row.
   */
  async drive(
    runId: string,
    behave: (task: ClaimedTask) => { fail?: boolean; retryable?: boolean; output?: unknown } = () => ({}),
    maxRounds = 1_000,
  ): Promise<{ status: string; output: unknown; error: unknown }> {
    for (let round = 0; round < maxRounds; round += 1) {
      const run = await this.runStatus(runId);
      if (isTerminalRunStatus(run.status as RunStatus)) return run;
      // What a router does besides dispatching: create the child runs started sub-workflow tasks wait for.
      if ((await this.launchSubRuns()) > 0) continue;
      const claimed = await this.claimAndStart('00000000-0000-4000-8000-00000000e1e1');
      if (claimed.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      await Promise.all(
        claimed.map((task) => {
          const behaviour = behave(task);
          return behaviour.fail
            ? this.fail(task, behaviour.retryable ?? true)
            : this.succeed(task, behaviour.output ?? task.input);
        }),
      );
    }
    throw new Error(`run ${runId} did not end within ${maxRounds} rounds`);
  }

  launchSubRuns(): Promise<number> {
    return this.module.get(SubRunLaunchService).launchPending(100);
  }

  async runStatus(runId: string): Promise<{ status: string; output: unknown; error: unknown }> {
    const [row] = await this.database.query<{ status: string; output: unknown; error: unknown }>(
      'SELECT status, output, error FROM runs WHERE id = $1',
      [runId],
    );
    return row!;
  }

  async taskRows(
    runId: string,
  ): Promise<{ key: string; status: string; attempt: number; output: unknown; item_index: number | null }[]> {
    return this.database.query<{
      key: string;
      status: string;
      attempt: number;
      output: unknown;
      item_index: number | null;
    }>(
      'SELECT key, status, attempt, output, item_index FROM tasks WHERE run_id = $1 ORDER BY key, item_index NULLS FIRST',
      [runId],
    );
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.services.dispose();
  }
}
