/**
 * Entry of a pooled child process (compiled to dist/isolation/process-runner.js),
 * forked by TaskHost with `--max-old-space-size`. argv: pluginPath, taskType.
 *
 * It dies with its parent: on IPC disconnect it exits, and a watchdog thread
 * SIGKILLs it if the parent is gone while the main thread is stuck in a
 * handler that never yields.
 */
import { serializeTaskError } from '../errors/serialize';
import { startParentWatchdog } from './parent-watchdog';
import type { HostMessage, RunnerMessage } from './protocol';
import { startRunner } from './runner-main';

const [pluginPath, taskType] = process.argv.slice(2);
const send = (message: RunnerMessage): void => {
  if (process.connected) process.send?.(message);
};

if (!process.send || !pluginPath || !taskType) {
  console.error('process-runner must be forked by TaskHost with an IPC channel, a plugin path and a task type');
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => {
  // State is unknown after an uncaught error: report it, then leave and let the pool replace us.
  setTimeout(() => process.exit(70), 1_000).unref();
  if (process.connected)
    process.send?.({ t: 'crash', error: serializeTaskError(error) } satisfies RunnerMessage, () => process.exit(70));
  else process.exit(70);
});
startParentWatchdog();
startRunner(
  { pluginPath, taskType },
  {
    send,
    onMessage: (listener) => process.on('message', (message: HostMessage) => listener(message)),
  },
);
