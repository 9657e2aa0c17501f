import type { LogLine } from './execution-types';

export interface LogLimits {
  maxLines: number;
  maxBytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxLines: 1_000, maxBytes: 64 * 1024 };

/**
 * An attempt's log lines, bounded in count and in bytes (of their JSON).
 * Keeps the first lines; past a limit it counts what it drops and ends the
 * list with one line saying so.
 */
export class LogBuffer {
  private readonly kept: LogLine[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly limits: LogLimits = DEFAULT_LOG_LIMITS) {}

  /** Keeps the line if it fits; returns whether it did. */
  push(line: LogLine): boolean {
    const size = Buffer.byteLength(JSON.stringify(line));
    if (this.kept.length >= this.limits.maxLines || this.bytes + size > this.limits.maxBytes) {
      this.dropped++;
      return false;
    }
    this.kept.push(line);
    this.bytes += size;
    return true;
  }

  /** Lines dropped elsewhere (e.g. by a worker's own buffer) before reaching this one. */
  addDropped(count: number): void {
    this.dropped += count;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  lines(): LogLine[] {
    if (this.dropped === 0) return [...this.kept];
    const note: LogLine = {
      ts: new Date().toISOString(),
      level: 'warn',
      msg: `log truncated: ${this.dropped} more line(s) dropped (limits: ${this.limits.maxLines} lines, ${this.limits.maxBytes} bytes)`,
    };
    return [...this.kept, note];
  }
}
