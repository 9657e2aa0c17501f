import { Global, Module, type DynamicModule } from '@nestjs/common';
import { loadConfig, type TaskloomConfig } from './config';

export const TASKLOOM_CONFIG = Symbol('TASKLOOM_CONFIG');

@Global()
@Module({})
export class TaskloomConfigModule {
  /** Takes an already-loaded config so a process validates its environment exactly once. */
  static forRoot(config: TaskloomConfig = loadConfig()): DynamicModule {
    return {
      module: TaskloomConfigModule,
      providers: [{ provide: TASKLOOM_CONFIG, useValue: config }],
      exports: [TASKLOOM_CONFIG],
    };
  }
}
