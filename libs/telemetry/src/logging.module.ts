import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/**
 * JSON logs through pino. Request lines are off: under load they would be
 * most of the output and most of the cost; errors still log through Nest.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { level: string; service: string }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
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
