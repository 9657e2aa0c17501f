import type { RunQuery, TaskloomClient } from '@taskloom/client';
import { Command, Option } from 'commander';
import { line, type CliIo } from '../cli-io';
import { clientFor } from '../connection';
import { coloursFor, paintStatus } from '../output/colours';
import { elapsed } from '../output/durations';
import { printJson } from '../output/print-json';
import { renderTable } from '../output/table';
import { naturalInt, positiveInt } from '../parse-number';
import { followRun } from '../run/follow-run';

const RUN_STATUSES = ['scheduled', 'queued', 'pending', 'running', 'paused', 'succeeded', 'failed', 'cancelled'];

/** `taskloom runs ls|get|watch|logs|cancel|pause|resume|retry`. */
export function runsCommand(io: CliIo): Command {
  const runs = new Command('runs').description('list, inspect, follow and control runs');
  runs
    .command('ls')
    .description('list runs, newest first')
    .option('--workflow <name>', 'only runs of this workflow')
    .addOption(new Option('--status <status>', 'only runs in this status').choices(RUN_STATUSES))
    .option('--tag <tag>', 'only runs with this tag')
    .option('--limit <n>', 'at most this many', positiveInt('--limit'), 20)
    .option('--cursor <cursor>', 'the next page, from a previous answer')
    .option('--json', 'print the page ({ items, nextCursor }) as JSON')
    .action(async (options: RunQuery & { json?: boolean }, command: Command) => {
      const { json, ...query } = options;
      const page = await clientFor(command).listRuns(query);
      if (json) return printJson(io.stdout, page);
      const colours = coloursFor(io.stdout, io.env);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['ID', 'WORKFLOW', 'VERSION', 'STATUS', 'CREATED', 'DURATION'],
          page.items.map((run) => [
            run.id,
            run.workflow,
            run.version,
            paintStatus(colours, run.status),
            run.createdAt,
            elapsed(run.startedAt, run.finishedAt),
          ]),
        ),
      );
      if (page.nextCursor) line(io.stdout, `more: --cursor ${page.nextCursor}`);
    });

  runs
    .command('get')
    .description('a run with its tasks')
    .argument('<id>', 'run id')
    .option('--json', 'print the run as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const run = await clientFor(command).getRun(id);
      if (options.json) return printJson(io.stdout, run);
      const colours = coloursFor(io.stdout, io.env);
      line(io.stdout, `run ${run.id}  ${run.workflow} v${run.version}  ${paintStatus(colours, run.status)}`);
      line(
        io.stdout,
        `created ${run.createdAt}${run.startedAt ? `  took ${elapsed(run.startedAt, run.finishedAt)}` : ''}`,
      );
      if (run.error) line(io.stdout, `error: ${run.error.message}`);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['TASK', 'TYPE', 'STATUS', 'ATTEMPTS', 'DURATION', 'ERROR'],
          run.tasks.map((task) => [
            task.items ? `${task.key} (${task.items.length} items)` : task.key,
            task.type ?? task.kind,
            paintStatus(colours, task.status),
            task.attempts,
            elapsed(task.startedAt, task.finishedAt),
            task.error?.message ?? '',
          ]),
        ),
      );
    });

  runs
    .command('watch')
    .description('follow a run to its end; exits 0 succeeded, 1 failed, 2 cancelled')
    .argument('<id>', 'run id')
    .option('--interval <ms>', 'how often to read the run', positiveInt('--interval'), 500)
    .option('--timeout <ms>', 'give up after this long (exit 3)', positiveInt('--timeout'))
    .option('--json', 'print the finished run as JSON')
    .action(async (id: string, options: { interval: number; timeout?: number; json?: boolean }, command: Command) => {
      await followRun(clientFor(command), io, id, {
        json: options.json,
        intervalMs: options.interval,
        timeoutMs: options.timeout,
      });
    });

  runs
    .command('logs')
    .description("a task's log lines, attempt by attempt")
    .argument('<id>', 'run id')
    .argument('<task>', 'task key')
    .option('--index <n>', 'one forEach item', naturalInt('--index'))
    .option('--attempt <n>', 'only this attempt', positiveInt('--attempt'))
    .option('--json', 'print the logs as JSON')
    .action(
      async (
        id: string,
        key: string,
        options: { index?: number; attempt?: number; json?: boolean },
        command: Command,
      ) => {
        const logs = await clientFor(command).taskLogs(id, key, options.index);
        const attempts = logs.attempts.filter(
          (attempt) => options.attempt === undefined || attempt.attempt === options.attempt,
        );
        if (options.json) return printJson(io.stdout, { ...logs, attempts });
        const colours = coloursFor(io.stdout, io.env);
        for (const attempt of attempts) {
          line(io.stdout, colours.bold(`attempt ${attempt.attempt} (${attempt.status})`));
          for (const entry of attempt.logs) {
            const fields =
              entry.fields && Object.keys(entry.fields).length > 0 ? ` ${JSON.stringify(entry.fields)}` : '';
            line(io.stdout, `${colours.dim(entry.ts)} ${entry.level.toUpperCase().padEnd(5)} ${entry.msg}${fields}`);
          }
        }
        if (attempts.length === 0) line(io.stderr, `no attempts of ${key} yet`);
      },
    );

  for (const action of ['cancel', 'pause', 'resume', 'retry'] as const) {
    runs
      .command(action)
      .description(CONTROL_HELP[action])
      .argument('<id>', 'run id')
      .option('--json', 'print the result as JSON')
      .action(async (id: string, options: { json?: boolean }, command: Command) => {
        const result = await control(clientFor(command), action, id);
        if (options.json) return printJson(io.stdout, result);
        line(io.stdout, `run ${result.id} ${result.status}`);
      });
  }
  return runs;
}

const CONTROL_HELP = {
  cancel: 'cancel a run: its running tasks are told to stop',
  pause: 'pause a run: no new task starts until it is resumed',
  resume: 'resume a paused run',
  retry: 'rerun the failed and skipped tasks of a failed run',
};

function control(client: TaskloomClient, action: keyof typeof CONTROL_HELP, id: string) {
  if (action === 'cancel') return client.cancelRun(id);
  if (action === 'pause') return client.pauseRun(id);
  if (action === 'resume') return client.resumeRun(id);
  return client.retryRun(id);
}
