import { Injectable } from '@nestjs/common';
import {
  DefinitionError,
  definitionChecksum,
  validateDefinition,
  WorkflowDefinitionSchema,
  type DefinitionIssue,
  type JsonValue,
  type WorkflowDefinition,
} from '@taskloom/engine';
import { TransactionRunner, WorkflowDefinitionRepository, type WorkflowDefinitionEntity } from '@taskloom/persistence';
import { JsonSchemaValidator, NotFoundError, PlanCache, RunTreeBudget } from '@taskloom/orchestrator';
import { TaskTypeCatalog } from '../task-types/task-type.catalog';

export interface RegisteredWorkflow {
  name: string;
  version: number;
  created: boolean;
}

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly catalog: TaskTypeCatalog,
    private readonly validator: JsonSchemaValidator,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly transactions: TransactionRunner,
    private readonly plans: PlanCache,
    private readonly treeBudget: RunTreeBudget,
  ) {}

  /** Versioned and immutable: a changed definition becomes version n+1, an identical one answers the latest. */
  async register(raw: unknown): Promise<RegisteredWorkflow> {
    const parsed = WorkflowDefinitionSchema.safeParse(raw);
    if (parsed.success) {
      await this.catalog.prepare(parsed.data.tasks.flatMap((task) => (task.type ? [task.type] : [])));
    }
    const plan = validateDefinition(raw, {
      isKnownTaskType: (type) => this.catalog.get(type) !== undefined,
      validateTaskInput: (type, input) => this.validateTaskInput(type, input),
    });
    const definition = plan.definition;
    await this.assertSubWorkflowsExist(definition);
    await this.treeBudget.assertDefinition(definition);
    if (definition.inputSchema) this.assertJsonSchema(definition.inputSchema);
    const checksum = definitionChecksum(definition);
    const { definition: row, created } = await this.transactions.run((db) =>
      this.definitions.registerVersion(db, definition.name, checksum, definition as unknown as Record<string, unknown>),
    );
    this.plans.remember(row.id, row.name, row.version, definition);
    return { name: row.name, version: row.version, created };
  }

  async latest(name: string): Promise<WorkflowDefinitionEntity> {
    const row = await this.definitions.findLatest(name);
    if (!row) throw new NotFoundError(`workflow ${name} not found`);
    return row;
  }

  async version(name: string, version: number): Promise<WorkflowDefinitionEntity> {
    const row = await this.definitions.findVersion(name, version);
    if (!row) throw new NotFoundError(`workflow ${name} version ${version} not found`);
    return row;
  }

  versions(name: string): Promise<WorkflowDefinitionEntity[]> {
    return this.definitions.listVersions(name);
  }

  list() {
    return this.definitions.listLatest();
  }

  private validateTaskInput(type: string, input: JsonValue): DefinitionIssue[] {
    const taskType = this.catalog.get(type);
    if (!taskType) return [];
    return this.validator.validate(
      `task-input:${type}:${taskType.updatedAt.getTime()}`,
      taskType.inputSchema,
      input,
      '',
    );
  }

  private async assertSubWorkflowsExist(definition: WorkflowDefinition): Promise<void> {
    const issues: DefinitionIssue[] = [];
    for (const [index, task] of definition.tasks.entries()) {
      if (task.workflow === undefined) continue;
      const target = typeof task.workflow === 'string' ? { name: task.workflow } : task.workflow;
      const found =
        target.version === undefined
          ? await this.definitions.findLatest(target.name)
          : await this.definitions.findVersion(target.name, target.version);
      if (!found) {
        issues.push({
          path: `tasks[${index}].workflow`,
          message: `task ${task.key}: workflow ${target.name} is not registered`,
        });
      }
    }
    if (issues.length > 0) throw new DefinitionError(issues);
  }

  private assertJsonSchema(schema: Record<string, unknown>): void {
    try {
      this.validator.assertSchema(schema);
    } catch (error) {
      throw new DefinitionError([
        { path: 'inputSchema', message: `not a valid JSON Schema: ${(error as Error).message}` },
      ]);
    }
  }
}
