import { Injectable } from '@nestjs/common';
import { TaskTypeRepository, type TaskTypeRow } from '@taskloom/persistence';

const FRESH_FOR_MS = 5_000;

/**
 * The task types executors have published. Kept briefly in memory because
 * every definition registration consults it; an unknown type forces a
 * re-read, so a type an executor published a moment ago is never refused.
 */
@Injectable()
export class TaskTypeCatalog {
  private types = new Map<string, TaskTypeRow>();
  private loadedAt = 0;

  constructor(private readonly repository: TaskTypeRepository) {}

  async list(): Promise<TaskTypeRow[]> {
    await this.refresh(false);
    return [...this.types.values()];
  }

  /** Loads the catalog so that `get` answers from memory for the registration about to run. */
  async prepare(types: Iterable<string>): Promise<void> {
    const stale = Date.now() - this.loadedAt > FRESH_FOR_MS;
    const missing = [...types].some((type) => !this.types.has(type));
    if (stale || missing) await this.refresh(true);
  }

  get(type: string): TaskTypeRow | undefined {
    return this.types.get(type);
  }

  private async refresh(force: boolean): Promise<void> {
    if (!force && Date.now() - this.loadedAt < FRESH_FOR_MS) return;
    this.types = new Map((await this.repository.list()).map((type) => [type.type, type]));
    this.loadedAt = Date.now();
  }
}
