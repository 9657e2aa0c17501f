import './instrument';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@taskloom/config';
import { prepareDatabase } from '@taskloom/persistence';
import { installProcessLifecycle } from '@taskloom/telemetry';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { describeAuth } from './auth/describe-auth';
import { createHttpAdapter } from './http-adapter';
import { configureHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.database.url, 'taskloom-api');
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), createHttpAdapter(config), {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await configureHttpApp(app, config);
  installProcessLifecycle(app, logger, 'taskloom-api');
  await app.listen(config.http.port, config.http.host);
  logger.log(`taskloom-api listening on http://localhost:${config.http.port}`, 'taskloom-api');
  logger.log(describeAuth(config), 'taskloom-api');
}

main().catch((error: unknown) => {
  console.error('taskloom-api failed to start:', error);
  process.exit(1);
});
