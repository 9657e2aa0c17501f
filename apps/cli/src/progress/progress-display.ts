import type { Run } from '@taskloom/client';
import { Presets, SingleBar } from 'cli-progress';
import { line, type OutputStream } from '../cli-io';
import { formatDuration } from '../output/durations';
import { runProgress } from './run-progress';

/** Shows a run's progress while it is watched. */
export interface ProgressDisplay {
  update(run: Run): void;
  stop(): void;
}

/**
 * On a terminal, a live bar (tasks done/total, elapsed, the running tasks)
 * redrawn in place; anywhere else (a pipe, a CI log) one plain line per
 * change, so a log holds no control characters.
 */
export function progressDisplay(stream: OutputStream, now: () => number = Date.now): ProgressDisplay {
  return stream.isTTY ? new BarDisplay(stream) : new LineDisplay(stream, now);
}

class BarDisplay implements ProgressDisplay {
  private readonly bar: SingleBar;
  private started = false;
  /** Ctrl-C while the bar is drawn: give the terminal its cursor back, then be interrupted as usual. */
  private readonly onInterrupt = (): void => {
    this.stop();
    process.kill(process.pid, 'SIGINT');
  };

  constructor(stream: OutputStream) {
    this.bar = new SingleBar(
      {
        stream: stream as NodeJS.WritableStream,
        format: '{bar} {value}/{total} tasks | {duration_formatted} | {status} {running}',
        hideCursor: true,
        clearOnComplete: false,
        barsize: 24,
      },
      Presets.shades_classic,
    );
  }

  update(run: Run): void {
    const progress = runProgress(run);
    const payload = { status: progress.status, running: runningList(progress.running) };
    if (!this.started) {
      this.bar.start(progress.total, progress.done, payload);
      this.started = true;
      process.once('SIGINT', this.onInterrupt);
    } else {
      this.bar.setTotal(progress.total);
      this.bar.update(progress.done, payload);
    }
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    process.removeListener('SIGINT', this.onInterrupt);
    this.bar.stop();
  }
}

class LineDisplay implements ProgressDisplay {
  private readonly startedAt: number;
  private last = '';

  constructor(
    private readonly stream: OutputStream,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  update(run: Run): void {
    const progress = runProgress(run);
    const text = `${progress.status} ${progress.done}/${progress.total} tasks done${progress.running.length > 0 ? `, running: ${runningList(progress.running)}` : ''}`;
    if (text === this.last) return;
    this.last = text;
    line(this.stream, `[${formatDuration(this.now() - this.startedAt).padStart(6)}] ${text}`);
  }

  stop(): void {}
}

/** The running tasks, at most a handful by name: a forEach can run hundreds of items at once. */
function runningList(running: string[], shown = 4): string {
  if (running.length <= shown) return running.join(', ');
  return `${running.slice(0, shown).join(', ')} +${running.length - shown} more`;
}
