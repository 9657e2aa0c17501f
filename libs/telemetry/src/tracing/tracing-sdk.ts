import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Scrapes and probes arrive every few seconds; a span each would drown the traces that matter. */
function isOperationalProbe(request: IncomingMessage): boolean {
  const path = request.url ?? '';
  return path === '/metrics' || path.startsWith('/health');
}

/**
 * The SDK for traces only — metrics are Prometheus (prom-client), logs are
 * pino — with the exporter, endpoint, protocol and sampler taken from the
 * standard OTEL_* variables.
 *
 * Instrumented: incoming HTTP (with W3C trace context), Nest handlers
 * (their spans carry the route template), pg queries inside a
 * traced operation (background polling would otherwise start a trace every
 * few milliseconds), and pino (trace_id/span_id on log lines). Not fs: its
 * spans are noise and cost. Not ioredis or BullMQ: a task's context travels
 * explicitly in its job (the `traceparent` field), which keeps each run one
 * trace; BullMQ's own propagation would parent every job to the addBulk of
 * the router batch it happened to share.
 */
export function createTracingSdk(serviceName: string): NodeSDK {
  return new NodeSDK({
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: isOperationalProbe }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
}
