import { TaskHostConfigError } from '../errors/sdk-errors';
import { InlineIsolate } from '../isolation/inline-isolate';
import type { Isolate, IsolateStats } from '../isolation/invocation';
import { spawnProcess } from '../isolation/process-channel';
import { RunnerPool } from '../isolation/runner-pool';
import { spawnThread } from '../isolation/thread-channel';
import type { AnyTaskType } from '../task/task-type';

export interface IsolateRegistryOptions {
  pluginPath?: string;
  poolSize: number;
  killGraceMs: number;
  spawnTimeoutMs: number;
}

/** One inline isolate for the plugin, and one warm pool per (thread or process task type, heap size), made on first use. */
export class IsolateRegistry {
  private readonly inline: InlineIsolate;
  private readonly pools = new Map<string, RunnerPool>();

  constructor(
    tasks: ReadonlyMap<string, AnyTaskType>,
    private readonly options: IsolateRegistryOptions,
  ) {
    this.inline = new InlineIsolate(tasks);
  }

  get(task: AnyTaskType, memoryMb: number): Isolate {
    if (task.isolation === 'inline') return this.inline;
    const key = `${task.type}|${memoryMb}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.createPool(task, memoryMb);
      this.pools.set(key, pool);
    }
    return pool;
  }

  stats(): IsolateStats[] {
    return [this.inline.stats(), ...[...this.pools.values()].map((pool) => pool.stats())];
  }

  async close(): Promise<void> {
    await Promise.all([this.inline.close(), ...[...this.pools.values()].map((pool) => pool.close())]);
  }

  private createPool(task: AnyTaskType, memoryMb: number): RunnerPool {
    const pluginPath = this.options.pluginPath;
    if (!pluginPath)
      throw new TaskHostConfigError(`${task.type} uses ${task.isolation} isolation: TaskHost needs pluginSpecifier`);
    const spawnOptions = {
      init: { pluginPath, taskType: task.type },
      memoryMb,
      spawnTimeoutMs: this.options.spawnTimeoutMs,
    };
    return new RunnerPool({
      mode: task.isolation === 'thread' ? 'thread' : 'process',
      taskType: task.type,
      memoryMb,
      size: this.options.poolSize,
      graceMs: this.options.killGraceMs,
      spawn: task.isolation === 'thread' ? () => spawnThread(spawnOptions) : () => spawnProcess(spawnOptions),
    });
  }
}
