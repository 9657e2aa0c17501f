import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { TaskloomConfig } from '@taskloom/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HttpErrorFilter } from './common/http-error.filter';
import { createValidationPipe } from './common/validation.pipe';
import { requestMetrics } from './metrics/request-metrics.middleware';
import { mountQueueDashboard } from './queue-dashboard/mount-queue-dashboard';

export const API_PREFIX = 'api/v1';

/**
 * Everything that makes a Nest application into the Taskloom HTTP API,
 * shared by the api process and the standalone one.
 */
export function configureHttpApp(app: INestApplication, config: TaskloomConfig): void {
  const express = app as NestExpressApplication;
  // Answers are live run state; hashing every body for an ETag no client revalidates cost CPU on each request.
  express.set('etag', false);
  express.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use(requestMetrics);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  mountQueueDashboard(app, config);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Taskloom')
      .setDescription('Workflow/DAG task execution: definitions, runs, task types, operations.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'tlk_<id>_<secret>', description: 'An API key (when AUTH_ENABLED=true).' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
