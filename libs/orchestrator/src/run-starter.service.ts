import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { JsonValue, PriorityClass } from '@taskloom/engine';
import {
  isDataError,
  RunAdmissionRepository,
  RunRepository,
  TransactionRunner,
  WorkflowDefinitionRepository,
  type ResolvedWorkflow,
  type RunRow,
  type WorkflowRef,
} from '@taskloom/persistence';
import { priorityRank } from '@taskloom/queue';
import { LRUCache } from 'lru-cache';
import { ActivationService, type NewRoots } from './activation.service';
import { CascadeService } from './cascade.service';
import { ConflictError, ValidationError } from './errors';
import { RunAdmissionService } from './run-admission.service';
import { RunConcurrencyKeyFailed, RunConcurrencyKeyService } from './run-concurrency-key.service';
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
  /** The run's deadline from now, over the definition's `defaults.runTimeoutMs`. */
  timeoutMs?: number;
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
 * A run start waits for no timer: the starts the api read together go out
 * together once the event loop turns (the Batcher's 0 ms), and under load
 * batches grow behind the two in flight. A write costs a round trip and a
 * WAL flush whatever it carries, so one per batch instead of one per run is
 * what lets submission keep up. A 1 ms linger here, and the lookup's
 * timer, cost a request at a moderate rate two waits and two wake-ups of
 * its own (ADR 0036).
 */
const CREATE_LINGER_MS = 0;
const CREATE_BATCH_MAX = 250;
/** Two creations in flight: one gathers while the other commits, so batches grow with the load. */
const CREATE_IN_FLIGHT = 2;
const LOOKUP_BATCH_MAX = 500;
const LOOKUP_IN_FLIGHT = 1;
/** Workflow references whose resolution is kept, as many as the plan cache keeps plans. */
const RESOLUTION_CACHE_MAX = 1_000;

/** A workflow resolved for a start, and the catalog generation its insert must still find when it came from the cache. */
interface Resolution {
  workflow: CompiledWorkflow;
  /** Null: just looked up, so the insert needs no check (ADR 0039). */
  generation: string | null;
}

/** What a start written from a cached resolution gets when the catalog changed since: it is resolved again. */
const STALE = Symbol('stale resolution');
type Written = StartedRun | typeof STALE;

/**
 * Starts runs: resolves and validates each request on its own, then writes
 * the runs of concurrent requests together — runs, their tasks, the roots
 * already ready, and one NOTIFY for the router.
 *
 * A start's workflow is resolved from a cache when it can be: the insert
 * then checks, in its own snapshot, that the workflow catalog has not
 * changed since the resolution was read, and a start whose check fails is
 * resolved again and written anew. A start costs one statement, and a
 * version registered or a share revoked through any api still decides the
 * next start on every api (ADR 0039).
 */
@Injectable()
export class RunStarterService implements OnApplicationShutdown {
  private readonly logger = new Logger(RunStarterService.name);
  private readonly lookups: WriteBatcher<WorkflowRef, ResolvedWorkflow>;
  private readonly creations: WriteBatcher<PreparedRun, Written>;
  /** Found resolutions by reference, with the catalog generation each was read at. */
  private readonly resolutions = new LRUCache<string, { id: string; generation: bigint }>({
    max: RESOLUTION_CACHE_MAX,
  });
  /** The newest catalog generation seen: a resolution read at an older one is looked up again. */
  private catalogGeneration = 0n;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly plans: PlanCache,
    private readonly validator: JsonSchemaValidator,
    private readonly transactions: TransactionRunner,
    private readonly runs: RunRepository,
    private readonly activation: ActivationService,
    private readonly cascade: CascadeService,
    private readonly runKeys: RunConcurrencyKeyService,
    private readonly admission: RunAdmissionService,
    private readonly admissionRows: RunAdmissionRepository,
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
    const written = await this.submit(await this.prepare(command));
    return written === STALE ? this.startResolvedAfresh(command) : written;
  }

  /** A start whose cached resolution the catalog moved past: looked up again, and written without a check. */
  private async startResolvedAfresh(command: StartRunCommand): Promise<StartedRun> {
    const written = await this.submit(await this.prepare(command, (ref) => this.resolve(ref, false)));
    if (written === STALE) throw new Error(`a run of ${command.workflow} resolved afresh was refused as stale`);
    return written;
  }

  /**
   * Starts a batch of runs of one workflow for one tenant, answering each
   * item on its own, in order: a refused item does not stop the others.
   * The workflow is looked up once, and the runs the checks let through are
   * written together — one statement, or one transaction when a root needs
   * activating — unless PostgreSQL refuses one item's data, when they go
   * through the shared batcher, which isolates it. A workflow the tenant
   * cannot see at all refuses the whole batch (NotFoundError).
   */
  async startMany(commands: readonly StartRunCommand[]): Promise<PromiseSettledResult<StartedRun>[]> {
    const [first] = commands;
    if (!first) return [];
    await this.assertVisible(first);
    const lookups = new Map<string, Promise<Resolution>>();
    const resolveOnce = (ref: WorkflowRef) => {
      const key = referenceKey(ref);
      let found = lookups.get(key);
      if (!found) lookups.set(key, (found = this.resolve(ref)));
      return found;
    };
    const prepared = await Promise.allSettled(commands.map((command) => this.prepare(command, resolveOnce)));
    const written = await this.createTogether(
      prepared.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    );
    let next = 0;
    return Promise.all(
      prepared.map((result, index) => {
        if (result.status === 'rejected') return result;
        const outcome = written[next++]!;
        if (outcome.status === 'fulfilled' && outcome.value === STALE) {
          return settled(this.startResolvedAfresh(commands[index]!));
        }
        return outcome as PromiseSettledResult<StartedRun>;
      }),
    );
  }

  /** Checks, resolves, validates and builds one run; throws what refuses it. */
  private async prepare(
    command: StartRunCommand,
    resolve: (ref: WorkflowRef) => Promise<Resolution> = (ref) => this.resolve(ref),
  ): Promise<PreparedRun> {
    // Checked before the request joins a batch: one request's bad data must not fail the others'.
    const refused = checkRunRequest(command, this.config.limits.runInputBytes);
    if (refused.length > 0) throw new ValidationError(refused[0]!.message, refused);
    const { workflow, generation } = await resolve({
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
      runTimeoutMs: command.timeoutMs,
      traceparent: command.traceparent,
      // A start time already past is a start now.
      startAt: command.startAt && command.startAt.getTime() > Date.now() ? command.startAt : null,
    });
    built.run.catalogGeneration = generation;
    try {
      await this.runKeys.assign(workflow, built.run);
    } catch (error) {
      if (error instanceof RunConcurrencyKeyFailed) throw new ValidationError(error.message);
      throw error;
    }
    // A run that is not admitted yet (delayed, or queued for its key) has its roots activated when it is (ADR 0027).
    const roots = notAdmitted(built)
      ? { remaining: [], renderings: new Map() }
      : await this.activation.readyNewRoots(workflow, built);
    return { workflow, built, roots };
  }

  /** Writes one prepared run with those of concurrent requests. */
  private async submit(prepared: PreparedRun): Promise<Written> {
    try {
      return await this.creations.submit(prepared);
    } catch (error) {
      // The batch was split down to this run: its own data is what PostgreSQL refused.
      if (isDataError(error)) throw new ValidationError(`the run cannot be stored: ${(error as Error).message}`);
      throw error;
    }
  }

  /** One write for a batch's runs; on one item's bad data, the batcher's split finds it and the rest land. */
  private async createTogether(batch: PreparedRun[]): Promise<PromiseSettledResult<Written>[]> {
    if (batch.length === 0) return [];
    try {
      return (await this.create(batch)).map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      if (!isDataError(error)) throw error;
      return Promise.allSettled(batch.map((prepared) => this.submit(prepared)));
    }
  }

  /** A workflow name the tenant can see no version of refuses a whole batch; a shared name it must disambiguate does not. */
  private async assertVisible(command: StartRunCommand): Promise<void> {
    try {
      // Without the item's owner: an owner naming no share is that item's 404, not the batch's. Looked up
      // afresh: a whole batch is refused only on what the catalog says now.
      await this.resolve({ tenant: command.tenant, name: command.workflow }, false);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
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
  private async create(batch: PreparedRun[]): Promise<Written[]> {
    const runs = batch.map((prepared) => prepared.built.run);
    const tasks = batch.flatMap((prepared) => prepared.built.tasks);
    const { ids: inserted, catalogGeneration } = batch.some((prepared) => prepared.roots.remaining.length > 0)
      ? await this.transactions.run(async (db) => {
          const written = await this.runs.createRuns(runs, tasks, db);
          const created = batch.filter((prepared) => written.ids.has(prepared.built.run.id));
          const roots = created.flatMap((prepared) => prepared.roots.remaining);
          const renderings = new Map(created.flatMap((prepared) => [...prepared.roots.renderings]));
          await this.cascade.propagate(db, await this.activation.activate(db, roots, renderings));
          return written;
        })
      : await this.runs.createRuns(runs, tasks);
    this.noteCatalogGeneration(BigInt(catalogGeneration));
    const stale = ({ built }: PreparedRun) =>
      !inserted.has(built.run.id) &&
      built.run.catalogGeneration != null &&
      built.run.catalogGeneration !== catalogGeneration;
    const decided = await this.admitCreated(batch.filter(({ built }) => inserted.has(built.run.id)));
    const skipped = batch.filter((prepared) => !inserted.has(prepared.built.run.id) && !stale(prepared));
    // A run left out had its idempotency key used before, or earlier in the same batch: answer with that run.
    const existing = await this.existingRuns(skipped);
    return batch.map((prepared): Written => {
      const { workflow, built } = prepared;
      if (stale(prepared)) return STALE;
      if (inserted.has(built.run.id)) {
        return {
          id: built.run.id,
          status:
            decided.get(built.run.id) ??
            (built.run.startAt ? 'scheduled' : built.run.concurrencyKey ? 'queued' : 'pending'),
          workflow: workflow.name,
          version: workflow.version,
          created: true,
        };
      }
      const run = existing.get(idempotencyIdOf(built.run.tenant, workflow.name, built.run.idempotencyKey!));
      if (!run) throw new Error(`run ${built.run.id} was not inserted, and no run holds its idempotency key`);
      return {
        id: run.id,
        status: run.status,
        workflow: run.workflowName,
        version: run.workflowVersion,
        created: false,
      };
    });
  }

  /**
   * Runs created queued for their workflow's key are decided now, under each
   * key's lock, so the answer says admitted (pending), still queued, or
   * cancelled by onLimit (ADR 0027). Should that fail, they stay queued and
   * the routers' admission decides them.
   */
  private async admitCreated(created: PreparedRun[]): Promise<Map<string, string>> {
    const queued = created.filter(({ built }) => built.run.concurrencyKey && !built.run.startAt);
    if (queued.length === 0) return new Map();
    try {
      await this.admission.admitNow([...new Set(queued.map(({ built }) => built.run.concurrencyKey!))].sort());
      const ids = queued.map(({ built }) => built.run.id);
      return await this.transactions.run((db) => this.admissionRows.statuses(db, ids));
    } catch (error) {
      this.logger.warn(
        `admitting ${queued.length} new run(s) failed; the routers admit them: ${(error as Error).message}`,
      );
      return new Map();
    }
  }

  private async existingRuns(skipped: PreparedRun[]): Promise<Map<string, RunRow>> {
    if (skipped.length === 0) return new Map();
    const keys = skipped.map(({ workflow, built }) => ({
      tenant: built.run.tenant,
      workflowName: workflow.name,
      key: built.run.idempotencyKey!,
    }));
    // In a unit of work for its keyed planning: a join on keys must not become a scan of runs.
    const rows = await this.transactions.run((db) => this.runs.findByIdempotencyKeys(keys, db));
    return new Map(rows.map((row) => [idempotencyIdOf(row.tenant, row.workflowName, row.idempotencyKey!), row]));
  }

  /**
   * Within the run's tenant, then what other tenants shared with it (ADR
   * 0014). From the cache while its answer was read at the newest catalog
   * generation seen, unless `cached` is false; only found workflows are
   * kept, since a refusal is answered without an insert to check it.
   */
  private async resolve(ref: WorkflowRef, cached = true): Promise<Resolution> {
    const key = referenceKey(ref);
    const hit = cached ? this.resolutions.get(key) : undefined;
    if (hit && hit.generation === this.catalogGeneration) {
      return { workflow: await this.plans.get(hit.id), generation: String(hit.generation) };
    }
    const resolved = await this.lookups.submit(ref);
    const id = workflowIdOf(ref, resolved);
    const generation = BigInt(resolved.generation!);
    this.noteCatalogGeneration(generation);
    this.resolutions.set(key, { id, generation });
    return { workflow: await this.plans.get(id), generation: null };
  }

  private noteCatalogGeneration(generation: bigint): void {
    if (generation > this.catalogGeneration) this.catalogGeneration = generation;
  }
}

function referenceKey(ref: WorkflowRef): string {
  return JSON.stringify([ref.tenant, ref.name, ref.version ?? null, ref.owner ?? null]);
}

function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

function notAdmitted({ run }: BuiltRun): boolean {
  return Boolean(run.startAt) || Boolean(run.concurrencyKey);
}

function idempotencyIdOf(tenant: string, workflow: string, key: string): string {
  return JSON.stringify([tenant, workflow, key]);
}
