import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { ClusterMetricsCollector } from './cluster-metrics.collector';
import { MetricsController } from './metrics.controller';

/** GET /metrics on the API port, with the cluster-wide gauges only the API collects. */
@Module({
  imports: [AdminModule],
  controllers: [MetricsController],
  providers: [ClusterMetricsCollector],
})
export class ApiMetricsModule {}
