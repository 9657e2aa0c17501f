import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  describeTaskType,
  loadPlugin,
  TaskHost,
  type Plugin,
  type TaskType,
  type TaskTypeDescriptor,
} from '@taskloom/sdk';
import { typeConcurrency } from './type-concurrency';

export interface HostedTaskType {
  plugin: Plugin;
  specifier: string;
  host: TaskHost;
  taskType: TaskType<unknown, unknown>;
  descriptor: TaskTypeDescriptor;
}

export class PluginConfigurationError extends Error {
  override name = 'PluginConfigurationError';
}

/**
 * Loads the plugins named in PLUGINS and keeps one TaskHost per plugin, its
 * thread/process pools sized to the concurrency this executor runs the
 * plugin's types at. Fails start-up, saying how to fix it, on a task type two
 * plugins declare, on an EXECUTOR_TASK_TYPES entry no plugin provides, and
 * on a plugin that cannot load in its worker threads or processes.
 */
@Injectable()
export class PluginHostService implements OnApplicationShutdown {
  private readonly logger = new Logger(PluginHostService.name);
  private readonly types = new Map<string, HostedTaskType>();
  private readonly hosts: TaskHost[] = [];

  constructor(@Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig) {}

  async load(): Promise<void> {
    for (const specifier of this.config.executor.plugins) {
      const plugin = await loadPlugin(specifier);
      const host = new TaskHost({
        plugin,
        pluginSpecifier: specifier,
        poolSize: this.poolSize(plugin),
        maxLogBytes: this.config.limits.taskLogBytes,
        maxOutputBytes: this.config.limits.taskOutputBytes,
      });
      this.hosts.push(host);
      for (const taskType of plugin.tasks) {
        const existing = this.types.get(taskType.type);
        if (existing) {
          throw new PluginConfigurationError(
            `task type ${taskType.type} is declared by both ${existing.specifier} and ${specifier}; remove one of them from PLUGINS`,
          );
        }
        this.types.set(taskType.type, { plugin, specifier, host, taskType, descriptor: describeTaskType(taskType) });
      }
      this.logger.log(
        `loaded plugin ${plugin.name}@${plugin.version} from ${specifier}: ${plugin.tasks.map((t) => t.type).join(', ')}`,
      );
    }
    const unknown = (this.config.executor.taskTypes ?? []).filter((type) => !this.types.has(type));
    if (unknown.length > 0) {
      throw new PluginConfigurationError(
        `EXECUTOR_TASK_TYPES names ${unknown.join(', ')}, which no plugin in PLUGINS provides (available: ${[...this.types.keys()].join(', ')})`,
      );
    }
  }

  /**
   * Starts a worker for every served thread/process task type, so the first
   * task pays no cold start and a plugin that cannot load in a worker stops
   * start-up instead of failing its first task.
   */
  async warmUp(): Promise<void> {
    const served = this.served().map((hosted) => hosted.taskType.type);
    await Promise.all(this.hosts.map((host) => host.warmUp(served)));
  }

  /** The task types this executor serves: EXECUTOR_TASK_TYPES, or every loaded one. */
  served(): HostedTaskType[] {
    const wanted = this.config.executor.taskTypes;
    return [...this.types.values()].filter((hosted) => !wanted || wanted.includes(hosted.taskType.type));
  }

  /** Every loaded type, served or not: executors publish all they know for definition validation. */
  all(): HostedTaskType[] {
    return [...this.types.values()];
  }

  get(type: string): HostedTaskType | undefined {
    return this.types.get(type);
  }

  /** Enough workers per pool for the most tasks of one isolated type this executor admits at once. */
  private poolSize(plugin: Plugin): number {
    const wanted = this.config.executor.taskTypes;
    const isolated = plugin.tasks.filter((t) => t.isolation !== 'inline' && (!wanted || wanted.includes(t.type)));
    return Math.max(1, ...isolated.map((t) => typeConcurrency(t.resources, this.config.executor)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.close()));
  }
}
