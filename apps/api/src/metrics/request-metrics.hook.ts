import type { FastifyReply, FastifyRequest } from 'fastify';
import { metrics } from '@taskloom/telemetry';

/**
 * Times every request by its route template (`/api/v1/runs/:id`, never the
 * concrete id, which would explode the label set). Unmatched paths share one
 * label. An onResponse hook: recorded once the response has been sent,
 * errors included, with Fastify's own measure of the time it took.
 */
export function recordRequestMetrics(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  metrics.httpRequestDuration.observe(
    { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
    reply.elapsedTime / 1000,
  );
  done();
}
