import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { JsonValue, PriorityClass } from '@taskloom/engine';
import {
  isDataError,
  RunRepository,
  TransactionRunner,
  WorkflowDefinitionRepository,
  type ResolvedWorkflow,
  type WorkflowRef,
} from '@taskloom/persistence';
import { priorityRank } from '@taskloom/queue';
import { ActivationService, type NewRoots } from './activation.service';
import { CascadeService } from './cascade.service';
import { ValidationError } from './errors';
import { JsonSchemaValidator } from './json-schema.validator';
import { PlanCache, type CompiledWorkflow } from './plan-cache.service';
import { workflowIdOf } from './workflow-resolution';
import { buildRun, type BuiltRun } from './run-builder';
import { checkRunRequest } from './run-request.checks';
import { WriteBatcher } from './write-batcher';

export interface StartRunCommand {
  workflow: string;
  version?: number;
  /** The tenant that owns the workflow, when a name shared by several must be told apart (ADR 0014). */
  owner?: string;
  input: JsonValue;
  priority?: PriorityClass;
  idempotencyKey?: string;
  tags?: string[];
  tenant: string;
  /** W3C trace context of the request starting the run; the run's tasks are traced under it. */
  traceparent?: string | null;
  /** Start later: the run is 'scheduled' until this instant (DESIGN §8). */
  startAt?: Date;
}

export interface StartedRun {
  id: string;
  status: string;
  workflow: string;
  version: number;
  /** False when the idempotency key matched an earlier run, which is returned instead. */
  created: boolean;
}

interface PreparedRun {
  workflow: CompiledWorkflow;
  built: BuiltRun;
  /** Roots that need activation inside the transaction, their templates already evaluated; the others are inserted ready. */
  roots: NewRoots;
}

/**
 * How long a run start waits for others to share its statement. A write
 * costs a round trip and a WAL flush whatever it carries, so under load one
 * per batch instead of one per run is what lets submission keep up; alone,
 * a request waits about a millisecond more.
 */
const CREATE_LINGER_MS = 1;
const CREATE_BATCH_MAX = 250;
/** Two creations in flight: one gathers while the other commits, so batches grow with the load. */
const CREATE_IN_FLIGHT = 2;
const LOOKUP_BATCH_MAX = 500;
const LOOKUP_IN_FLIGHT = 1;

/**
 * Starts runs: resolves and validates each request on its own, then writes
 * the runs of concurrent requests together — runs, their tasks, the roots
 * already ready, and one NOTIFY for the router.
 */
@Injectable()
export class RunStarterService implements OnApplicationShutdown {
  private readonly lookups: WriteBatcher<WorkflowRef, ResolvedWorkflow>;
  private readonly creations: WriteBatcher<PreparedRun, StartedRun>;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly plans: PlanCache,
    private readonly validator: JsonSchemaValidator,
    private readonly transactions: TransactionRunner,
    private readonly runs: RunRepository,
    private readonly activation: ActivationService,
    private readonly cascade: CascadeService,
  ) {
    this.lookups = new WriteBatcher((refs) => this.definitions.resolveIds(refs), {
      maxSize: LOOKUP_BATCH_MAX,
      maxWaitMs: 0,
      maxInFlight: LOOKUP_IN_FLIGHT,
      isolate: isDataError,
    });
    this.creations = new WriteBatcher((prepared) => this.create(prepared), {
      maxSize: CREATE_BATCH_MAX,
      maxWaitMs: CREATE_LINGER_MS,
      maxInFlight: CREATE_IN_FLIGHT,
      isolate: isDataError,
    });
  }

  async start(command: StartRunCommand): Promise<StartedRun> {
    // Checked before the request joins a batch: one request's bad data must not fail the others'.
    const refused = checkRunRequest(command, this.config.limits.runInputBytes);
    if (refused.length > 0) throw new ValidationError(refused[0]!.message, refused);
    const workflow = await this.resolve({
      tenant: command.tenant,
      name: command.workflow,
      version: command.version,
      owner: command.owner,
    });
    const schema = workflow.plan.definition.inputSchema;
    if (schema) {
      const details = this.validator.validate(`run-input:${workflow.id}`, schema, command.input, 'input');
      if (details.length > 0) {
        throw new ValidationError(
          `input does not match the inputSchema of ${workflow.name} v${workflow.version}`,
          details,
        );
      }
    }
    const built = buildRun(workflow, {
      input: command.input,
      priorityRank: command.priority === undefined ? undefined : priorityRank(command.priority),
      tenant: command.tenant,
      tags: command.tags ?? [],
      idempotencyKey: command.idempotencyKey ?? null,
      parentTaskId: null,
      traceparent: command.traceparent,
      startAt: command.startAt ?? null,
    });
    const roots = await this.activation.readyNewRoots(workflow, built);
    try {
      return await this.creations.submit({ workflow, built, roots });
    } catch (error) {
      // The batch was split down to this run: its own data is what PostgreSQL refused.
      if (isDataError(error)) throw new ValidationError(`the run cannot be stored: ${(error as Error).message}`);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.creations.drain();
  }

  /**
   * The common batch — roots that are plain tasks — is one statement without
   * a transaction. Roots with conditions, fan-outs or sub-workflows are
   * activated in the same transaction as the insert.
   */
  private async create(batch: PreparedRun[]): Promise<StartedRun[]> {
    const runs = batch.map((prepared) => prepared.built.run);
    const tasks = batch.flatMap((prepared) => prepared.built.tasks);
    const inserted = batch.some((prepared) => prepared.roots.remaining.length > 0)
      ? await this.transactions.run(async (db) => {
          const ids = await this.runs.createRuns(runs, tasks, db);
          const created = batch.filter((prepared) => ids.has(prepared.built.run.id));
          const roots = created.flatMap((prepared) => prepared.roots.remaining);
          const renderings = new Map(created.flatMap((prepared) => [...prepared.roots.renderings]));
          await this.cascade.propagate(db, await this.activation.activate(db, roots, renderings));
          return ids;
        })
      : await this.runs.createRuns(runs, tasks);
    return Promise.all(
      batch.map(async ({ workflow, built }): Promise<StartedRun> => {
        if (inserted.has(built.run.id)) {
          return {
            id: built.run.id,
            status: built.run.startAt && built.run.startAt.getTime() > Date.now() ? 'scheduled' : 'pending',
            workflow: workflow.name,
            version: workflow.version,
            created: true,
          };
        }
        const existing = await this.transactions.run((db) =>
          this.runs.findByIdempotencyKey(db, built.run.tenant, workflow.name, built.run.idempotencyKey!),
        );
        return {
          id: existing!.id,
          status: existing!.status,
          workflow: existing!.workflowName,
          version: existing!.workflowVersion,
          created: false,
        };
      }),
    );
  }

  /** Within the run's tenant, then what other tenants shared with it (ADR 0014). */
  private async resolve(ref: WorkflowRef): Promise<CompiledWorkflow> {
    const resolved = await this.lookups.submit(ref);
    return this.plans.get(workflowIdOf(ref, resolved));
  }
}
