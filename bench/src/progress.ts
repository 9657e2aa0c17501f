const UPDATE_MS = 100;

/**
 * One status line on stderr. On a terminal it is rewritten in place; when
 * stderr is a file or a pipe (CI logs) each phase gets one plain line and
 * in-phase updates are dropped, so logs stay readable.
 */
export class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private phase = '';
  private width = 0;
  private drawnAt = 0;

  start(phase: string): void {
    this.phase = phase;
    if (this.tty) this.draw(phase);
    else process.stderr.write(`[bench] ${phase}\n`);
  }

  /** Called per request by the load loops, so redraws are limited to ~10 per second. */
  update(detail: string): void {
    if (!this.tty || performance.now() - this.drawnAt < UPDATE_MS) return;
    this.draw(`${this.phase}: ${detail}`);
  }

  /** Erases the in-place line so the report and error messages start on a clean line. */
  done(): void {
    if (this.tty && this.width > 0) process.stderr.write('\r' + ' '.repeat(this.width) + '\r');
    this.width = 0;
  }

  private draw(text: string): void {
    // columns is 0 when the terminal does not report a size.
    const line = `[bench] ${text}`.slice(0, (process.stderr.columns || 120) - 1);
    this.drawnAt = performance.now();
    process.stderr.write('\r' + line.padEnd(this.width));
    this.width = line.length;
  }
}
