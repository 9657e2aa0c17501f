import type { JsonValue } from '@taskloom/client';
import { Command } from 'commander';
import { line, type CliIo } from '../cli-io';
import { clientFor } from '../connection';
import { printJson } from '../output/print-json';
import { renderTable } from '../output/table';
import { parseInput } from '../run/parse-input';

/** `taskloom events send <name>`: publishes an event; every workflow whose `on` names it starts a run. */
export function eventsCommand(io: CliIo): Command {
  const events = new Command('events').description('publish events that start runs of the workflows listening');
  events
    .command('send')
    .description('publish an event: a run of each latest workflow whose `on` names it (the payload as input)')
    .argument('<name>', 'event name')
    .option('--payload <json>', 'the payload, JSON or @file.json (default {})')
    .option('--key <idempotencyKey>', 'the same key again starts nothing new and answers the same runs')
    .option('--json', 'print the answer ({ id, runs, refused }) as JSON')
    .action(async (name: string, options: { payload?: string; key?: string; json?: boolean }, command: Command) => {
      const published = await clientFor(command).publishEvent({
        name,
        payload: parseInput(options.payload ?? '{}', io.cwd, '--payload') as JsonValue,
        ...(options.key === undefined ? {} : { idempotencyKey: options.key }),
      });
      if (options.json) return printJson(io.stdout, published);
      line(io.stdout, `event ${published.id}: ${published.runs.length} run(s) started`);
      if (published.runs.length > 0) {
        io.stdout.write(
          renderTable(
            io.stdout,
            ['RUN', 'WORKFLOW', 'VERSION'],
            published.runs.map((run) => [run.runId, run.workflow, run.version]),
          ),
        );
      }
      for (const refused of published.refused) line(io.stderr, `refused by ${refused.workflow}: ${refused.message}`);
    });
  return events;
}
