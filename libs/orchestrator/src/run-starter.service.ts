import { Injectable } from '@nestjs/common';
import type { JsonValue, PriorityClass } from '@taskloom/engine';
import {
  notifyReady,
  RunRepository,
  TaskRepository,
  TransactionRunner,
  WorkflowDefinitionRepository,
} from '@taskloom/persistence';
import { priorityRank } from '@taskloom/queue';
import { ActivationService } from './activation.service';
import { CascadeService } from './cascade.service';
import { NotFoundError, ValidationError } from './errors';
import { JsonSchemaValidator } from './json-schema.validator';
import { PlanCache, type CompiledWorkflow } from './plan-cache.service';
import { buildRun } from './run-builder';

export interface StartRunCommand {
  workflow: string;
  version?: number;
  input: JsonValue;
  priority?: PriorityClass;
  idempotencyKey?: string;
  tags?: string[];
  tenant: string;
}

export interface StartedRun {
  id: string;
  status: string;
  workflow: string;
  version: number;
  /** False when the idempotency key matched an earlier run, which is returned instead. */
  created: boolean;
}

@Injectable()
export class RunStarterService {
  constructor(
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly plans: PlanCache,
    private readonly validator: JsonSchemaValidator,
    private readonly transactions: TransactionRunner,
    private readonly runs: RunRepository,
    private readonly tasks: TaskRepository,
    private readonly activation: ActivationService,
    private readonly cascade: CascadeService,
  ) {}

  async start(command: StartRunCommand): Promise<StartedRun> {
    const workflow = await this.resolve(command.workflow, command.version);
    const schema = workflow.plan.definition.inputSchema;
    if (schema) {
      const details = this.validator.validate(`run-input:${workflow.id}`, schema, command.input, 'input');
      if (details.length > 0) {
        throw new ValidationError(`input does not match the inputSchema of ${workflow.name} v${workflow.version}`, details);
      }
    }
    const built = buildRun(workflow, {
      input: command.input,
      priorityRank: command.priority === undefined ? undefined : priorityRank(command.priority),
      tenant: command.tenant,
      tags: command.tags ?? [],
      idempotencyKey: command.idempotencyKey ?? null,
      parentTaskId: null,
    });
    return this.transactions.run(async (db) => {
      const inserted = await this.runs.insertRuns(db, [built.run]);
      if (!inserted.has(built.run.id)) {
        const existing = await this.runs.findByIdempotencyKey(db, command.tenant, workflow.name, command.idempotencyKey!);
        return { id: existing!.id, status: existing!.status, workflow: existing!.workflowName, version: existing!.workflowVersion, created: false };
      }
      await this.tasks.insertTasks(db, built.tasks);
      await this.cascade.propagate(db, await this.activation.activate(db, built.roots));
      await notifyReady(db);
      return { id: built.run.id, status: 'pending', workflow: workflow.name, version: workflow.version, created: true };
    });
  }

  private async resolve(name: string, version?: number): Promise<CompiledWorkflow> {
    const row =
      version === undefined ? await this.definitions.findLatest(name) : await this.definitions.findVersion(name, version);
    if (!row) {
      throw new NotFoundError(version === undefined ? `workflow ${name} not found` : `workflow ${name} version ${version} not found`);
    }
    return this.plans.get(row.id);
  }
}
