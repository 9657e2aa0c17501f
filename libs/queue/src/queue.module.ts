import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { CancelledRuns } from './cancelled-runs';
import { QueueJobs } from './queue-jobs';
import { QueueRegistry } from './queue.registry';
import { REDIS_CONNECTION } from './queue.tokens';
import { createRedisConnection, type RedisConnection } from './redis.connection';
import { TaskRouting } from './task-routing.service';

@Module({})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CONNECTION) private readonly connection: RedisConnection) {}

  static forRoot(connectionName: string): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      providers: [
        {
          provide: REDIS_CONNECTION,
          inject: [TASKLOOM_CONFIG],
          useFactory: (config: TaskloomConfig) => createRedisConnection(config.redis, connectionName),
        },
        QueueRegistry,
        TaskRouting,
        CancelledRuns,
        QueueJobs,
      ],
      exports: [REDIS_CONNECTION, QueueRegistry, TaskRouting, CancelledRuns, QueueJobs],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
