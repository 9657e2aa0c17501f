import { format } from 'node:util';
import type { LogLevel } from '../execution/execution-types';

export type ConsoleSink = (level: LogLevel, msg: string) => void;

const METHODS: [keyof Console & ('log' | 'info' | 'debug' | 'warn' | 'error'), LogLevel][] = [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['warn', 'warn'],
  ['error', 'error'],
];

/**
 * Inside a worker thread or child process only: console.* calls made while
 * a task runs become log lines of that attempt, in order with ctx.logger
 * lines. Outside a task they print as usual.
 */
export function captureConsole(currentSink: () => ConsoleSink | undefined): void {
  for (const [method, level] of METHODS) {
    const original = console[method].bind(console) as (...args: unknown[]) => void;
    console[method] = (...args: unknown[]) => {
      const sink = currentSink();
      if (sink) sink(level, format(...args));
      else original(...args);
    };
  }
}
