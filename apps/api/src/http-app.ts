import { SwaggerModule } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TaskloomConfig } from '@taskloom/config';
import { HttpErrorFilter } from './common/http-error.filter';
import { jsonBodyParser } from './common/json-body-parser';
import { refuseOversizedBody } from './common/oversized-body.hook';
import { rejectUnstorableInput } from './common/unstorable-input.hook';
import { createValidationPipe } from './common/validation.pipe';
import { recordRequestMetrics } from './metrics/request-metrics.hook';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { mountQueueDashboard } from './queue-dashboard/mount-queue-dashboard';
import { mountDashboard } from './ui/mount-dashboard';

export const API_PREFIX = 'api/v1';

/** /api/v1 for everything but the probes and the scrape endpoint; the document builder sees the same routes. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready', 'metrics'] });
}

/**
 * Everything that makes a Nest application on Fastify (createHttpAdapter)
 * into the Taskloom HTTP API, shared by the api process and the standalone
 * one.
 */
export async function configureHttpApp(app: NestFastifyApplication, config: TaskloomConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', recordRequestMetrics);
  fastify.addHook(
    'onRequest',
    refuseOversizedBody({
      bodyLimitBytes: config.http.bodyLimitBytes,
      drainBytes: config.http.oversizedBodyDrainBytes,
    }),
  );
  app.useBodyParser('application/json', { bodyLimit: config.http.bodyLimitBytes }, jsonBodyParser(fastify));
  fastify.addHook('preValidation', rejectUnstorableInput(config.http.maxJsonDepth));
  useApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  await mountQueueDashboard(app, config);
  await mountDashboard(app, config);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
