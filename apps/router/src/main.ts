import './instrument';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@taskloom/config';
import { prepareDatabase } from '@taskloom/persistence';
import { installProcessLifecycle, MetricsServer } from '@taskloom/telemetry';
import { Logger } from 'nestjs-pino';
import { RouterModule } from './router.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.database.url, 'taskloom-router');
  const app = await NestFactory.createApplicationContext(RouterModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  installProcessLifecycle(app, logger, 'taskloom-router');
  await app.init();
  app.get(MetricsServer).markReady();
  logger.log(`taskloom-router dispatching over ${config.queue.partitions} partition(s)`, 'taskloom-router');
}

main().catch((error: unknown) => {
  console.error('taskloom-router failed to start:', error);
  process.exit(1);
});
