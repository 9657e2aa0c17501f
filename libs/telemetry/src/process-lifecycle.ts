import type { LoggerService } from '@nestjs/common';
import { stopTracing } from './tracing/start-tracing';

interface Closable {
  close(): Promise<void>;
}

/**
 * Every process stops the same way: SIGTERM/SIGINT close the application
 * (Nest runs its shutdown hooks) and exit 0; anything that would kill the
 * process otherwise is logged with its reason before exiting non-zero.
 */
export function installProcessLifecycle(app: Closable, logger: LoggerService, service: string): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${service} received ${signal}, shutting down`, service);
    // Spans still buffered are flushed last, so the shutdown itself is traced too.
    app
      .close()
      .then(() => stopTracing())
      .then(
        () => {
          logger.log(`${service} stopped`, service);
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`${service} failed to shut down cleanly: ${String(error)}`, undefined, service);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('uncaughtException', (error) => {
    logger.error(`${service} stopping on an uncaught exception: ${error.stack ?? error.message}`, undefined, service);
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error(
      `${service} stopping on an unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`,
      undefined,
      service,
    );
    process.exit(1);
  });
}
