import { fork, type ChildProcess } from 'node:child_process';
import { serializeTaskError, type TaskFailure } from '../errors/serialize';
import { ResourceLimitError, TaskError } from '../errors/task-errors';
import { LineSplitter } from './line-splitter';
import { locateRunner } from './locate-runner';
import { isRunnerMessage, type HostMessage, type RunnerInit } from './protocol';
import { BaseChannel, type RunnerChannel } from './runner-channel';
import { watchRss } from './rss-watch';

export interface ProcessSpawnOptions {
  init: RunnerInit;
  memoryMb: number;
  spawnTimeoutMs: number;
}

/** RSS allowed on top of the heap limit (code, young generation, buffers) before the child is killed. */
export const RSS_HEADROOM_MB = 256;

const HEAP_OOM = /heap out of memory|Reached heap limit|Allocation failed/i;
const STDERR_TAIL_CHARS = 4_096;

/** Forks a child running process-runner.js and resolves once its plugin is loaded. */
export async function spawnProcess(options: ProcessSpawnOptions): Promise<RunnerChannel> {
  const channel = new ProcessChannel(options);
  await channel.ready;
  return channel;
}

/**
 * A child process with `--max-old-space-size=memoryMb` (V8 aborts it past the
 * heap limit) and an RSS watch at memoryMb + RSS_HEADROOM_MB for memory V8
 * does not count (Buffers). Either way the attempt fails with a
 * ResourceLimitError. kill() is SIGKILL: it always works.
 */
class ProcessChannel extends BaseChannel {
  readonly id: number;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private overRss = false;
  private crash?: TaskFailure;
  private gone = false;
  private readonly exitedPromise: Promise<void>;

  constructor(private readonly options: ProcessSpawnOptions) {
    super(`process worker for ${options.init.taskType}`, options.spawnTimeoutMs);
    this.child = fork(locateRunner('process-runner.js'), [options.init.pluginPath, options.init.taskType], {
      execArgv: childExecArgv(options.memoryMb),
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.id = this.child.pid ?? -1;
    const stdout = new LineSplitter((line) => this.output('stdout', line));
    const stderr = new LineSplitter((line) => this.output('stderr', line));
    this.child.stdout?.on('data', (chunk: Buffer) => stdout.write(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-STDERR_TAIL_CHARS);
      stderr.write(chunk);
    });
    this.child.on('message', (message: unknown) => {
      if (!isRunnerMessage(message)) return;
      if (message.t === 'crash') this.crash = message.error;
      else this.received(message);
    });
    this.child.on('error', () => undefined); // spawn/send failures surface as 'exit'
    const stopWatch = watchRss(this.id, options.memoryMb + RSS_HEADROOM_MB, () => {
      this.overRss = true;
      this.child.kill('SIGKILL');
    });
    this.exitedPromise = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.gone = true;
        stopWatch();
        stdout.flush();
        stderr.flush();
        this.exited({ error: this.exitError(code, signal) });
        resolve();
      }),
    );
    for (const stream of [this.child.stdout, this.child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  }

  send(message: HostMessage): void {
    if (!this.child.connected) throw new Error('the child process is gone');
    this.child.send(message);
  }

  async kill(waitMs: number): Promise<boolean> {
    if (this.gone) return true;
    this.child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const result = await Promise.race([this.exitedPromise.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return result;
  }

  setRef(ref: boolean): void {
    const ipc = this.child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (ref) {
      this.child.ref();
      ipc?.ref?.();
    } else {
      this.child.unref();
      ipc?.unref?.();
    }
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): TaskFailure {
    const type = this.options.init.taskType;
    if (this.overRss) {
      return serializeTaskError(
        new ResourceLimitError(
          `${type} went over its memory limit: resident memory above ${this.options.memoryMb + RSS_HEADROOM_MB} MB (child process)`,
        ),
      );
    }
    if (HEAP_OOM.test(this.stderrTail)) {
      return serializeTaskError(
        new ResourceLimitError(
          `${type} went over its memory limit of ${this.options.memoryMb} MB (child process heap)`,
        ),
      );
    }
    if (this.crash) {
      const crashed = new TaskError(
        `the child process running ${type} crashed: ${this.crash.name}: ${this.crash.message}`,
      );
      return { ...serializeTaskError(crashed), cause: this.crash };
    }
    const tail = this.stderrTail.trim().split('\n').slice(-5).join('\n');
    const how = signal ? `signal ${signal}` : `code ${code}`;
    return serializeTaskError(
      new TaskError(`the child process running ${type} exited (${how})${tail ? `; stderr: ${tail}` : ''}`),
    );
  }
}

/**
 * The host's own Node flags (e.g. --require hooks, --enable-source-maps), minus
 * heap-size and inspector flags, plus this worker's heap limit.
 */
function childExecArgv(memoryMb: number): string[] {
  const inherited = process.execArgv.filter((arg) => !/^--(max[-_]old[-_]space[-_]size|inspect|debug)/.test(arg));
  return [...inherited, `--max-old-space-size=${memoryMb}`];
}
