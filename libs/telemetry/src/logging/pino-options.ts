import type { LoggerOptions } from 'pino';

export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LogSettings {
  level: string;
  format: LogFormat;
  service: string;
}

/**
 * Nest's start-up chatter: one line per module, controller and route. At
 * `info` it buried the lines a person starting Taskloom needs (where it
 * listens, what to open), so it is logged at `debug` instead.
 */
const NEST_WIRING: ReadonlySet<string> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);
const INFO = 30;

/** Pretty lines for a person at a terminal, JSON lines for everything else (a file, a pipe, a log shipper). */
export function wantsPretty(format: LogFormat, stdoutIsTTY: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTTY);
}

/** The pino options of every Taskloom process. */
export function pinoOptions(settings: LogSettings, stdoutIsTTY: boolean): LoggerOptions {
  return {
    level: settings.level,
    base: { service: settings.service, pid: process.pid },
    hooks: {
      logMethod(args, method, level) {
        const first: unknown = args[0];
        const context =
          typeof first === 'object' && first !== null ? (first as { context?: unknown }).context : undefined;
        if (level === INFO && typeof context === 'string' && NEST_WIRING.has(context)) {
          if (this.isLevelEnabled('debug')) this.debug(...(args as [object, string]));
          return;
        }
        method.apply(this, args);
      },
    },
    // pino-pretty runs in pino's transport worker thread, off the event loop.
    ...(wantsPretty(settings.format, stdoutIsTTY)
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,service,context',
              messageFormat: '{if context}[{context}] {end}{msg}',
              singleLine: true,
            },
          },
        }
      : {}),
  };
}
