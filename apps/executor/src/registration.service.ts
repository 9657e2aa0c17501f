import { Inject, Injectable, Logger } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ExecutorRepository, TaskTypeRepository } from '@taskloom/persistence';
import { ExecutorIdentity } from './executor-identity';
import { PluginHostService } from './plugin-host.service';
import type { ResourceGate } from './resource-gate';

/**
 * Makes the executor known: its task types (so definitions can use them),
 * its capacity, and a heartbeat carrying its load. A missing heartbeat is
 * how routers learn that this executor's running attempts are lost.
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly identity: ExecutorIdentity,
    private readonly plugins: PluginHostService,
    private readonly executors: ExecutorRepository,
    private readonly taskTypes: TaskTypeRepository,
  ) {}

  async register(queues: string[], gate: ResourceGate): Promise<void> {
    await this.taskTypes.upsert(
      this.plugins.all().map(({ plugin, descriptor }) => ({
        type: descriptor.type,
        plugin: plugin.name,
        pluginVersion: plugin.version,
        description: descriptor.description,
        inputSchema: descriptor.inputSchema as Record<string, unknown>,
        outputSchema: descriptor.outputSchema as Record<string, unknown>,
        resources: { ...descriptor.resources },
        retry: descriptor.retry ? { ...descriptor.retry } : null,
        isolation: descriptor.isolation,
        batch: descriptor.batch ? { ...descriptor.batch } : null,
        rateLimit: descriptor.rateLimit ? { ...descriptor.rateLimit } : null,
      })),
    );
    await this.executors.register({
      id: this.identity.id,
      hostname: this.identity.hostname,
      pid: this.identity.pid,
      taskTypes: this.plugins.served().map((hosted) => hosted.taskType.type),
      queues,
      capacity: {
        cpu: this.config.executor.cpu,
        memoryMb: this.config.executor.memoryMb,
        concurrency: this.config.executor.concurrency,
      },
    });
    this.timer = setInterval(() => {
      this.executors
        .heartbeat(this.identity.id, gate.load())
        .catch((error: Error) => this.logger.warn(`heartbeat failed: ${error.message}`));
    }, this.config.executor.heartbeatMs);
  }

  async deregister(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.executors.markStopped(this.identity.id);
  }
}
