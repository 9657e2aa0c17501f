import { randomUUID } from 'node:crypto';
import type { StartRun } from '@taskloom/client';
import { Command, Option } from 'commander';
import { line, type CliIo } from '../cli-io';
import { clientFor } from '../connection';
import { printJson } from '../output/print-json';
import { positiveInt } from '../parse-number';
import { followRun } from './follow-run';
import { parseInput } from './parse-input';

interface RunOptions {
  input?: string;
  wait?: boolean;
  priority?: StartRun['priority'];
  version?: number;
  tag?: string[];
  idempotencyKey?: string;
  interval: number;
  timeout?: number;
  json?: boolean;
}

/**
 * `taskloom run <workflow>`: starts a run; with --wait, follows it to its
 * end. Each call sends an idempotency key (a fresh one unless given), so
 * the client's retry of a 429 or 503 cannot start the run twice.
 */
export function runCommand(io: CliIo): Command {
  return new Command('run')
    .description('start a run of a workflow; --wait follows it and exits 0 succeeded, 1 failed, 2 cancelled')
    .argument('<workflow>', 'the workflow name')
    .option('-i, --input <json|@file>', 'the run input: JSON, or @path to a JSON file', '{}')
    .option('-w, --wait', 'follow the run to its end, with live progress on a terminal')
    .addOption(new Option('-p, --priority <priority>', 'priority class').choices(['critical', 'high', 'normal', 'low']))
    .option('--version <n>', 'pin a workflow version (default: the latest)', positiveInt('--version'))
    .option('-t, --tag <tag...>', 'tags to find the run by')
    .option('--idempotency-key <key>', 'the same key starts the same run once')
    .option('--interval <ms>', 'how often --wait reads the run', positiveInt('--interval'), 500)
    .option('--timeout <ms>', 'give up waiting after this long (exit 3)', positiveInt('--timeout'))
    .option('--json', 'print the started run (or, with --wait, the finished run) as JSON')
    .action(async (workflow: string, options: RunOptions, command: Command) => {
      const client = clientFor(command);
      const started = await client.startRun(workflow, {
        input: parseInput(options.input ?? '{}', io.cwd) as StartRun['input'],
        priority: options.priority,
        version: options.version,
        tags: options.tag,
        idempotencyKey: options.idempotencyKey ?? randomUUID(),
      });
      if (!options.wait) {
        if (options.json) return printJson(io.stdout, started);
        return line(
          io.stdout,
          `started run ${started.id} (${started.workflow} v${started.version}, ${started.status})`,
        );
      }
      if (!options.json) line(io.stderr, `run ${started.id} of ${started.workflow} v${started.version}`);
      await followRun(client, io, started.id, {
        json: options.json,
        intervalMs: options.interval,
        timeoutMs: options.timeout,
      });
    });
}
