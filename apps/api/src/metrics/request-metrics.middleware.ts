import type { NextFunction, Request, Response } from 'express';
import { metrics } from '@taskloom/telemetry';

/**
 * Times every request by its route template (`/api/v1/runs/:id`, never the
 * concrete id, which would explode the label set). Unmatched paths share one
 * label. Recorded when the response has been sent, errors included.
 */
export function requestMetrics(request: Request, response: Response, next: NextFunction): void {
  const stop = metrics.httpRequestDuration.startTimer();
  response.once('finish', () => {
    const route = request.route as { path?: unknown } | undefined;
    stop({
      method: request.method,
      route: typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched',
      status_code: String(response.statusCode),
    });
  });
  next();
}
