import { NestFactory } from '@nestjs/core';
import { configureHttpApp } from '@taskloom/api';
import { loadConfig } from '@taskloom/config';
import { prepareDatabase } from '@taskloom/persistence';
import { installProcessLifecycle } from '@taskloom/telemetry';
import { Logger } from 'nestjs-pino';
import { runDemo } from './demo-runner';
import { resolveLocalServices } from './local-services';
import { StandaloneModule } from './standalone.module';

async function main(): Promise<void> {
  const services = await resolveLocalServices(process.env);
  const config = loadConfig({ ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl });
  await prepareDatabase(config.database.url, 'taskloom');
  const app = await NestFactory.create(StandaloneModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureHttpApp(app, config);
  installProcessLifecycle({ close: async () => { await app.close(); await services.stop(); } }, logger, 'taskloom');
  await app.listen(config.http.port, config.http.host);
  for (const note of services.notes) logger.warn(note, 'taskloom');
  const base = `http://localhost:${config.http.port}`;
  await runDemo(base, (line) => logger.log(line, 'taskloom'));
}

main().catch((error: unknown) => {
  console.error('taskloom failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
