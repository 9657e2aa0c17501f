import { Module, type DynamicModule } from '@nestjs/common';
import { ApiFeaturesModule } from '@taskloom/api';
import type { TaskloomConfig } from '@taskloom/config';
import { ExecutorFeaturesModule } from '@taskloom/executor';
import { processInfrastructure } from '@taskloom/runtime';
import { RouterFeaturesModule } from '@taskloom/router';

/** api + router + executor in one process, sharing one pool and one Redis connection. */
@Module({})
export class StandaloneModule {
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        ...processInfrastructure(config, 'taskloom'),
        ApiFeaturesModule,
        RouterFeaturesModule,
        ExecutorFeaturesModule,
      ],
    };
  }
}
