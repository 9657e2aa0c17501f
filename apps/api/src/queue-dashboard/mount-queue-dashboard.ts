import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TaskloomConfig } from '@taskloom/config';
import type { FastifyInstance } from 'fastify';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { HttpErrorFilter } from '../common/http-error.filter';
import { dashboardAccess } from './dashboard-access';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard.service';

/**
 * bull-board's Fastify plugin at /admin/queues, in a scope of its own so
 * the access check and the refresh of its queue list apply to its routes
 * only.
 */
export async function mountQueueDashboard(app: NestFastifyApplication, config: TaskloomConfig): Promise<void> {
  const dashboard = app.get(QueueDashboard);
  const errors = new HttpErrorFilter();
  const access = dashboardAccess(config, app.get(ApiKeyAuthenticator), errors);
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', access);
      scope.addHook('preHandler', async () => dashboard.refresh());
      await scope.register(dashboard.plugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
