import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pinoOptions, type LogSettings } from './pino-options';

/**
 * Logs through pino: JSON lines, or pretty coloured lines on a terminal
 * (LOG_FORMAT, pino-options.ts). Request lines are off: under load they would be
 * most of the output and most of the cost; errors still log through Nest.
 * No route gets pino-http's per-request child logger either (`forRoutes`
 * empty): nothing logs with request bindings, and making one per request
 * cost the API a tenth of its CPU.
 */
@Module({})
export class LoggingModule {
  static forRoot(settings: LogSettings): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [],
          pinoHttp: {
            ...pinoOptions(settings, process.stdout.isTTY === true),
            autoLogging: false,
            quietReqLogger: true,
          },
        }),
      ],
    };
  }
}
