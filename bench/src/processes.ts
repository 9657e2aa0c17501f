import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { CLOCK_TICKS, processCpu } from './cpu';

export const ROOT = join(__dirname, '..', '..');

/** How every launcher starts an app (package.json, deploy/): the bench measures what users run (docs/adr/0033, docs/adr/0038). */
export const APP_NODE_ARGS = ['--no-memory-reducer', '--heap-growing-percent=100'];

export interface ChildOptions {
  /** Shown in reports and used as the log and profile file name. */
  name: string;
  script: string;
  env: Record<string, string>;
  logDir: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Opens an IPC channel (the raw BullMQ worker reports through it). */
  ipc?: boolean;
}

const KEEP_LINES = 40;
const KEEP_PROBLEMS = 3;
const PINO_LEVEL = /^\{"level":(\d+)/;

/** Warning and error lines of a child: pino level ≥ 40, or anything that is not a pino line (stack traces, console output). */
export interface LogProblems {
  count: number;
  first: string[];
}
const SAMPLE_MS = 200;

/**
 * A child Node process of the bench: its output goes to a log file, the
 * last lines are kept to explain a failed start, and its peak RSS and CPU
 * time are tracked from /proc so the report can say what each part costs.
 */
export class Child {
  readonly process: ChildProcess;
  readonly logFile: string;
  private readonly log: WriteStream;
  private readonly recent: string[] = [];
  private readonly watchers = new Set<{ pattern: RegExp; matched: () => void }>();
  private partial = '';
  private problemCount = 0;
  private readonly loggedProblems: string[] = [];
  private readonly strayLines: string[] = [];
  private peakKb = 0;
  private cpuTicks = 0;
  private readonly sampler: NodeJS.Timeout;
  readonly exited: Promise<number | string | null>;

  constructor(readonly options: ChildOptions) {
    this.logFile = join(options.logDir, `${options.name}.log`);
    this.log = createWriteStream(this.logFile);
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
      // Own process group: Ctrl-C reaches only the bench, which then stops
      // the children in order and still gets to drop its database.
      detached: true,
    });
    this.process.stdout?.on('data', (chunk: Buffer) => this.onOutput(chunk));
    this.process.stderr?.on('data', (chunk: Buffer) => this.onOutput(chunk));
    // 'close' rather than 'exit': by then all of the output has been read.
    this.exited = new Promise((resolve) => this.process.once('close', (code, signal) => resolve(code ?? signal)));
    void this.exited.then(() => {
      clearInterval(this.sampler);
      this.log.end();
    });
    // VmHWM is the kernel's own high-water mark, so sampling only guards
    // against losing it when the process exits between reads.
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS);
    this.sampler.unref();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Peak resident set size in MiB seen so far. */
  peakRssMb(): number {
    this.sample();
    return Math.round(this.peakKb / 102.4) / 10;
  }

  /** User + system CPU time used so far, in seconds, to the kernel's clock tick (0.01 s). */
  cpuSeconds(): number {
    this.sample();
    return Math.round((this.cpuTicks / CLOCK_TICKS) * 100) / 100;
  }

  /** Resolves when a line of output matches; rejects with the last lines if the process exits or the time runs out. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
    if (this.recent.some((line) => pattern.test(line))) return Promise.resolve();
    if (!this.running) return Promise.reject(this.failure(`exited before logging ${pattern}`));
    return new Promise((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.watchers.delete(watcher);
        this.process.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const watcher = { pattern, matched: () => finish() };
      const onClose = () =>
        finish(this.failure(`exited (${this.process.exitCode ?? this.process.signalCode}) before logging ${pattern}`));
      const timer = setTimeout(() => finish(this.failure(`did not log ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      this.watchers.add(watcher);
      this.process.once('close', onClose);
    });
  }

  /** SIGTERM to the process group, SIGKILL once the grace period is over. */
  async stop(graceMs: number): Promise<void> {
    if (!this.running) return;
    this.sample();
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      if (this.process.pid !== undefined) process.kill(-this.process.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private failure(what: string): Error {
    return new Error(
      `${this.options.name} ${what}; last output (full log: ${this.logFile}):\n  ${this.recent.join('\n  ')}`,
    );
  }

  private onOutput(chunk: Buffer): void {
    this.log.write(chunk);
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.length === 0) continue;
      this.recent.push(line);
      this.notice(line);
      for (const watcher of this.watchers) if (watcher.pattern.test(line)) watcher.matched();
    }
    if (this.recent.length > KEEP_LINES) this.recent.splice(0, this.recent.length - KEEP_LINES);
  }

  /**
   * Logged warnings and errors come first: their message names the cause,
   * while stray output (a multi-line SQL dump, a stack trace) is often only
   * the first line of something longer.
   */
  problems(): LogProblems {
    return { count: this.problemCount, first: [...this.loggedProblems, ...this.strayLines].slice(0, KEEP_PROBLEMS) };
  }

  private notice(line: string): void {
    const level = PINO_LEVEL.exec(line)?.[1];
    if (level !== undefined && Number(level) < 40) return;
    this.problemCount += 1;
    const kept = level === undefined ? this.strayLines : this.loggedProblems;
    if (kept.length < KEEP_PROBLEMS) kept.push((level === undefined ? line : pinoMessage(line)).slice(0, 400));
  }

  private sample(): void {
    if (!this.running || this.process.pid === undefined) return;
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      if (kb > this.peakKb) this.peakKb = kb;
      this.cpuTicks = processCpu(this.process.pid)?.ticks ?? this.cpuTicks;
    } catch {
      // The process exited between the check and the read.
    }
  }
}

function pinoMessage(line: string): string {
  try {
    const { msg } = JSON.parse(line) as { msg?: unknown };
    return typeof msg === 'string' ? msg : line;
  } catch {
    return line;
  }
}
