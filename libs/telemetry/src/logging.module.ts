import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/**
 * JSON logs through pino. Request lines are off: under load they would be
 * most of the output and most of the cost; errors still log through Nest.
 * No route gets pino-http's per-request child logger either (`forRoutes`
 * empty): nothing logs with request bindings, and making one per request
 * cost the API a tenth of its CPU.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { level: string; service: string }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [],
          pinoHttp: {
            level: options.level,
            autoLogging: false,
            base: { service: options.service, pid: process.pid },
            quietReqLogger: true,
          },
        }),
      ],
    };
  }
}
