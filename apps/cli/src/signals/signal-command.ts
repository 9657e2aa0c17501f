import type { JsonValue, SentSignal } from '@taskloom/client';
import { Command } from 'commander';
import { line, type CliIo } from '../cli-io';
import { clientFor } from '../connection';
import { printJson } from '../output/print-json';
import { parseInput } from '../run/parse-input';

/** `taskloom signal <runId> <name>`: delivers a signal to the run's task that waits for it (waitFor.signal). */
export function signalCommand(io: CliIo): Command {
  return new Command('signal')
    .description('send a signal to a run: a waiting task takes it, or it is kept for the next that waits')
    .argument('<runId>', 'run id')
    .argument('<name>', 'signal name (a task waits for it with waitFor.signal)')
    .option('--payload <json>', "the payload, JSON or @file.json; becomes the task's output (default {})")
    .option('--id <signalId>', 'makes sending idempotent: a second signal with this id is a duplicate')
    .option('--json', 'print the answer as JSON')
    .action(
      async (
        runId: string,
        name: string,
        options: { payload?: string; id?: string; json?: boolean },
        command: Command,
      ) => {
        const sent = await clientFor(command).sendSignal(runId, name, {
          payload: parseInput(options.payload ?? '{}', io.cwd, '--payload') as JsonValue,
          ...(options.id === undefined ? {} : { signalId: options.id }),
        });
        if (options.json) return printJson(io.stdout, sent);
        line(io.stdout, describeOutcome(sent));
      },
    );
}

export function describeOutcome(sent: SentSignal): string {
  if (sent.outcome === 'delivered') return `signal ${sent.name} delivered to task ${sent.taskKey} of run ${sent.runId}`;
  if (sent.outcome === 'kept') {
    return `signal ${sent.name} kept: no task of run ${sent.runId} waits for it yet, the next one that does takes it`;
  }
  const to = sent.taskKey ? ` (taken by task ${sent.taskKey})` : '';
  return `signal ${sent.name} duplicate: run ${sent.runId} already received signal id ${sent.signalId}${to}`;
}
