import { Module, type DynamicModule } from '@nestjs/common';
import { startProcessMetrics } from './metrics-registry';

const PROCESS_METRICS = Symbol('PROCESS_METRICS');

/** Starts the process and Node.js series of /metrics (startProcessMetrics) when the application boots. */
@Module({})
export class ProcessMetricsModule {
  static forRoot(settings: { eventLoopResolutionMs: number }): DynamicModule {
    return {
      module: ProcessMetricsModule,
      providers: [{ provide: PROCESS_METRICS, useFactory: () => startProcessMetrics(settings) }],
    };
  }
}
