import type { INestApplication } from '@nestjs/common';
import type { TaskloomConfig } from '@taskloom/config';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { HttpErrorFilter } from '../common/http-error.filter';
import { dashboardAccess } from './dashboard-access';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard.service';

/** Mounted on the express app before Nest registers its routes, at /admin/queues. */
export function mountQueueDashboard(app: INestApplication, config: TaskloomConfig): void {
  const dashboard = app.get(QueueDashboard);
  const errors = new HttpErrorFilter();
  app.use(
    QUEUE_DASHBOARD_PATH,
    dashboardAccess(config, app.get(ApiKeyAuthenticator), errors),
    (_request: Request, response: Response, next: NextFunction) => {
      dashboard.refresh().then(() => next(), (error: unknown) => errors.respond(error, response));
    },
    dashboard.router(),
  );
}
