import { Module, type DynamicModule } from '@nestjs/common';
import { ApiFeaturesModule } from '@taskloom/api';
import { TaskloomConfigModule, type TaskloomConfig } from '@taskloom/config';
import { ExecutorFeaturesModule } from '@taskloom/executor';
import { PersistenceModule } from '@taskloom/persistence';
import { QueueModule } from '@taskloom/queue';
import { RouterFeaturesModule } from '@taskloom/router';
import { LoggingModule } from '@taskloom/telemetry';

/** api + router + executor in one process, sharing one pool and one Redis connection. */
@Module({})
export class StandaloneModule {
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        TaskloomConfigModule.forRoot(config),
        LoggingModule.forRoot({ level: config.log.level, service: 'taskloom' }),
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'taskloom' }),
        QueueModule.forRoot('taskloom'),
        ApiFeaturesModule,
        RouterFeaturesModule,
        ExecutorFeaturesModule,
      ],
    };
  }
}
