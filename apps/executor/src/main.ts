import './instrument';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@taskloom/config';
import { prepareDatabase } from '@taskloom/persistence';
import { installProcessLifecycle, MetricsServer } from '@taskloom/telemetry';
import { Logger } from 'nestjs-pino';
import { ExecutorModule } from './executor.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.database.url, 'taskloom-executor');
  const app = await NestFactory.createApplicationContext(ExecutorModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  installProcessLifecycle(app, logger, 'taskloom-executor');
  await app.init();
  app.get(MetricsServer).markReady();
  logger.log('taskloom-executor running', 'taskloom-executor');
}

main().catch((error: unknown) => {
  console.error('taskloom-executor failed to start:', error);
  process.exit(1);
});
