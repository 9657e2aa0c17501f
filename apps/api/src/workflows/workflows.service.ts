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
import {
  TransactionRunner,
  WorkflowDefinitionRepository,
  type WorkflowDefinitionRow,
  type WorkflowRef,
} from '@taskloom/persistence';
import { JsonSchemaValidator, NotFoundError, PlanCache, RunTreeBudget, workflowIdOf } from '@taskloom/orchestrator';
import { decodeCursor } from '../common/page-cursor';
import { TaskTypeCatalog } from '../task-types/task-type.catalog';
import { WorkflowCursor, workflowCursor, type WorkflowListQuery } from './workflow.schemas';

export interface RegisteredWorkflow {
  name: string;
  version: number;
  created: boolean;
}

/**
 * Definitions belong to the tenant that registers them (ADR 0014): names
 * and version sequences are per tenant. A name means the caller's own
 * workflow when it has one, else one another tenant shared with it; what
 * it cannot see answers 404.
 */
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

  /**
   * Versioned and immutable: a changed definition becomes version n+1 of the
   * caller's tenant's workflow, an identical one answers the latest. A
   * workflow shared with the caller is never changed by this: registering
   * its name creates the caller's own workflow of that name.
   */
  async register(raw: unknown, tenant: string): Promise<RegisteredWorkflow> {
    const parsed = WorkflowDefinitionSchema.safeParse(raw);
    if (parsed.success) {
      await this.catalog.prepare(parsed.data.tasks.flatMap((task) => (task.type ? [task.type] : [])));
    }
    const plan = validateDefinition(raw, {
      isKnownTaskType: (type) => this.catalog.get(type) !== undefined,
      validateTaskInput: (type, input) => this.validateTaskInput(type, input),
    });
    const definition = plan.definition;
    await this.assertSubWorkflowsExist(definition, tenant);
    await this.treeBudget.assertDefinition(definition, tenant);
    if (definition.inputSchema) this.assertJsonSchema(definition.inputSchema, 'inputSchema');
    for (const [index, task] of definition.tasks.entries()) {
      if (task.waitFor?.schema) this.assertJsonSchema(task.waitFor.schema, `tasks[${index}].waitFor.schema`);
    }
    const checksum = definitionChecksum(definition);
    const { definition: row, created } = await this.transactions.run((db) =>
      this.definitions.registerVersion(db, definition.name, checksum, definition, tenant),
    );
    this.plans.remember(row.id, row.name, row.version, definition);
    return { name: row.name, version: row.version, created };
  }

  /** A version (the latest when absent) of the workflow the name means to the tenant. */
  async find(ref: WorkflowRef): Promise<WorkflowDefinitionRow> {
    const id = workflowIdOf(ref, await this.definitions.resolve(ref));
    const row = await this.definitions.findRow(id);
    if (!row) throw new NotFoundError(`workflow ${ref.name} not found`);
    return row;
  }

  versions(owner: string, name: string) {
    return this.definitions.listVersions(owner, name);
  }

  async list(tenant: string, query: WorkflowListQuery) {
    const after = query.cursor ? decodeCursor(query.cursor, WorkflowCursor) : undefined;
    const page = await this.definitions.listVisible(tenant, query.limit, after);
    const last = page.items.at(-1);
    return {
      items: page.items.map((item) => ({ ...item, shared: item.owner !== tenant })),
      nextCursor: page.more && last ? workflowCursor(last) : null,
    };
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

  /** Sub-workflows resolve as they will when launched: in the tenant, then among what was shared with it. */
  private async assertSubWorkflowsExist(definition: WorkflowDefinition, tenant: string): Promise<void> {
    const issues: DefinitionIssue[] = [];
    for (const [index, task] of definition.tasks.entries()) {
      if (task.workflow === undefined) continue;
      const target = typeof task.workflow === 'string' ? { name: task.workflow } : task.workflow;
      const found = await this.definitions.resolve({ tenant, name: target.name, version: target.version });
      if (!found.id) {
        issues.push({
          path: `tasks[${index}].workflow`,
          message: found.ambiguous
            ? `task ${task.key}: workflow ${target.name} is shared with this tenant by several tenants; register your own of that name`
            : `task ${task.key}: workflow ${target.name} is not registered`,
        });
      }
    }
    if (issues.length > 0) throw new DefinitionError(issues);
  }

  private assertJsonSchema(schema: Record<string, unknown>, path: string): void {
    try {
      this.validator.assertSchema(schema);
    } catch (error) {
      throw new DefinitionError([{ path, message: `not a valid JSON Schema: ${(error as Error).message}` }]);
    }
  }
}
