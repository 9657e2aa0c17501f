import './instrument';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttpApp, createHttpAdapter, describeAuth } from '@taskloom/api';
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
  const app = await NestFactory.create<NestFastifyApplication>(
    StandaloneModule.forRoot(config),
    createHttpAdapter(config),
    { bufferLogs: true },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  await configureHttpApp(app, config);
  installProcessLifecycle(
    {
      close: async () => {
        await app.close();
        await services.stop();
      },
    },
    logger,
    'taskloom',
  );
  await app.listen(config.http.port, config.http.host);
  for (const note of services.notes) logger.warn(note, 'taskloom');
  // `npm start` is read by a person: what to open goes out as plain lines, around the JSON logs.
  const say = (line: string) => process.stdout.write(`\n${line}\n\n`);
  say(describeAuth(config));
  const base = `http://localhost:${config.http.port}`;
  // With auth on, the demo calls the API as the bootstrap admin; without that key it has no way in.
  if (config.auth.enabled && !config.auth.bootstrapAdminKey) {
    say(`Taskloom is running at ${base} (docs at ${base}/docs); no demo run without AUTH_BOOTSTRAP_ADMIN_KEY.`);
    return;
  }
  await runDemo(base, say, config.auth.enabled ? config.auth.bootstrapAdminKey : undefined);
}

main().catch((error: unknown) => {
  console.error('taskloom failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
