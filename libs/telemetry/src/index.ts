export { LoggingModule } from './logging/logging.module';
export { installProcessLifecycle } from './process-lifecycle';
export { metrics } from './metrics/taskloom-metrics';
export {
  METRICS_CONTENT_TYPE,
  metricsRegistry,
  registerMetricsCollector,
  scrapeMetrics,
  startProcessMetrics,
  type MetricsCollector,
} from './metrics/metrics-registry';
export { MetricsServer } from './metrics/metrics-server';
export { MetricsServerModule } from './metrics/metrics-server.module';
export { ProcessMetricsModule } from './metrics/process-metrics.module';
export {
  contextOf,
  failSpan,
  inSpan,
  startTracing,
  stopTracing,
  traceparentOf,
  tracer,
  tracingActive,
  type SpanOptions,
} from './tracing';
