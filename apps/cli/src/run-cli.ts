import { TaskloomApiError, TaskloomClientError } from '@taskloom/client';
import { ScaffoldError } from '@taskloom/sdk/cli';
import { CommanderError } from 'commander';
import { CliUsageError } from './cli-error';
import { line, type CliIo } from './cli-io';
import { EXIT } from './exit-codes';
import { allCommands, createProgram } from './program';

/**
 * Runs the CLI on `argv` (the arguments after the command name) and answers
 * the exit code: the command's own (a run's outcome), or 3 for anything that
 * stopped it, with one line on stderr saying what.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  for (const command of allCommands(program)) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.error;
    line(io.stderr, `taskloom: ${describe(error)}`);
    return EXIT.error;
  }
}

function describe(error: unknown): string {
  if (error instanceof TaskloomApiError) {
    const details = Array.isArray(error.body.details)
      ? (error.body.details as { path?: string; message?: string }[])
          .map((detail) => `\n  ${detail.path ? `${detail.path}: ` : ''}${detail.message ?? JSON.stringify(detail)}`)
          .join('')
      : '';
    return `${error.message}${details}`;
  }
  if (error instanceof TaskloomClientError || error instanceof CliUsageError || error instanceof ScaffoldError) {
    return error.message;
  }
  if (error instanceof Error && error.name === 'TimeoutError') return 'gave up waiting (--timeout)';
  // Anything else is a bug worth its stack.
  return String((error as Error).stack ?? error);
}
