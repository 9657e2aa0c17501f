import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TaskloomConfig } from '@taskloom/config';
import type { FastifyInstance } from 'fastify';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { NotFoundError } from '@taskloom/orchestrator';
import { HttpErrorFilter } from '../common/http-error.filter';
import { cacheControlOf, DASHBOARD_CSP, DASHBOARD_PATH, dashboardDist } from './dashboard-files';
import { registerUiSession } from './ui-session';

/**
 * The web dashboard at /ui (docs/adr/0019): its built files, the session
 * routes, and every other path under /ui answered with index.html, so a
 * page's own address (/ui/runs/<id>) can be reloaded or shared. The files
 * are public — they hold no data; the data comes from /api/v1, which checks
 * the key as for any client.
 */
export async function mountDashboard(app: NestFastifyApplication, config: TaskloomConfig): Promise<void> {
  const errors = new HttpErrorFilter();
  const authenticator = app.get(ApiKeyAuthenticator);
  const root = dashboardDist();
  await app.register(
    async (scope: FastifyInstance) => {
      registerUiSession(scope, config, authenticator, errors);
      if (!root) {
        scope.setNotFoundHandler((_request, reply) =>
          errors.respond(new NotFoundError('the dashboard is not built: run `npm run build`'), reply),
        );
        return;
      }
      await scope.register(fastifyStatic, {
        root,
        wildcard: true,
        index: false,
        cacheControl: false,
        setHeaders: (reply, path) => {
          void reply.header('Cache-Control', cacheControlOf(path));
          if (path.endsWith('.html')) void reply.header('Content-Security-Policy', DASHBOARD_CSP);
        },
      });
      scope.setNotFoundHandler((request, reply) => {
        // A missing script or image is a 404; any other path is a page of the app.
        if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0]!)) {
          errors.respond(new NotFoundError(`${request.url} not found`), reply);
          return;
        }
        void reply
          .header('Cache-Control', 'no-cache')
          .header('Content-Security-Policy', DASHBOARD_CSP)
          .sendFile('index.html');
      });
    },
    { prefix: DASHBOARD_PATH },
  );
}
