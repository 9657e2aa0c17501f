import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TaskloomConfig } from '@taskloom/config';
import { HttpErrorFilter } from './common/http-error.filter';
import { jsonBodyParser } from './common/json-body-parser';
import { refuseOversizedBody } from './common/oversized-body.hook';
import { rejectUnstorableInput } from './common/unstorable-input.hook';
import { createValidationPipe } from './common/validation.pipe';
import { recordRequestMetrics } from './metrics/request-metrics.hook';
import { mountQueueDashboard } from './queue-dashboard/mount-queue-dashboard';
import { mountDashboard } from './ui/mount-dashboard';

export const API_PREFIX = 'api/v1';

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
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  await mountQueueDashboard(app, config);
  await mountDashboard(app, config);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Taskloom')
      .setDescription('Workflow/DAG task execution: definitions, runs, task types, operations.')
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'tlk_<id>_<secret>',
        description: 'An API key (when AUTH_ENABLED=true).',
      })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
