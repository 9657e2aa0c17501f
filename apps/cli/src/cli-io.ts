/** Where the CLI reads its settings and writes; tests pass their own. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** What the process exits with once the command is done; commands that report an outcome set it. */
  exitCode: number;
}

export interface OutputStream {
  write(text: string): unknown;
  /** True on a terminal: tables get colour, runs get a live progress display. */
  isTTY?: boolean;
  columns?: number;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), exitCode: 0 };
}

export function line(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}
