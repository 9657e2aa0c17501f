import { Injectable } from '@nestjs/common';
import { compilePlan, type WorkflowDefinition, type WorkflowPlan } from '@taskloom/engine';
import { WorkflowDefinitionRepository, type Db } from '@taskloom/persistence';
import { LRUCache } from 'lru-cache';
import { NotFoundError } from './errors';

export interface CompiledWorkflow {
  id: string;
  name: string;
  version: number;
  plan: WorkflowPlan;
  /** Tasks whose definition names a priority; the others take the run's priority. */
  explicitPriority: ReadonlySet<string>;
}

/**
 * Definitions are immutable once registered, so a compiled plan can be kept
 * for as long as there is room; every process advancing runs shares the work.
 */
@Injectable()
export class PlanCache {
  private readonly cache = new LRUCache<string, CompiledWorkflow>({ max: 1_000 });

  constructor(private readonly definitions: WorkflowDefinitionRepository) {}

  async get(definitionId: string, db?: Db): Promise<CompiledWorkflow> {
    const cached = this.cache.get(definitionId);
    if (cached) return cached;
    const row = await this.definitions.findById(definitionId, db);
    if (!row) throw new NotFoundError(`workflow definition ${definitionId} not found`);
    return this.remember(row.id, row.name, row.version, row.definition);
  }

  remember(id: string, name: string, version: number, definition: WorkflowDefinition): CompiledWorkflow {
    const compiled: CompiledWorkflow = {
      id,
      name,
      version,
      plan: compilePlan(definition),
      explicitPriority: new Set(definition.tasks.filter((task) => task.priority).map((task) => task.key)),
    };
    this.cache.set(id, compiled);
    return compiled;
  }
}
