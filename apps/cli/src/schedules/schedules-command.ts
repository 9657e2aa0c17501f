import type { Schedule } from '@taskloom/client';
import { Command, InvalidArgumentError } from 'commander';
import { line, type CliIo } from '../cli-io';
import { clientFor } from '../connection';
import { coloursFor, paintStatus } from '../output/colours';
import { printJson } from '../output/print-json';
import { renderTable } from '../output/table';
import { positiveInt } from '../parse-number';

/** `taskloom schedules ls|get|pause|resume|trigger|backfill|delete`; apply -f creates and updates them. */
export function schedulesCommand(io: CliIo): Command {
  const schedules = new Command('schedules').description('list, inspect and control schedules');
  schedules
    .command('ls')
    .description('schedules in name order, with their next fire time')
    .option('--limit <n>', 'at most this many', positiveInt('--limit'), 50)
    .option('--cursor <cursor>', 'the next page, from a previous answer')
    .option('--json', 'print the page ({ items, nextCursor }) as JSON')
    .action(async (options: { limit: number; cursor?: string; json?: boolean }, command: Command) => {
      const { json, ...query } = options;
      const page = await clientFor(command).listSchedules(query);
      if (json) return printJson(io.stdout, page);
      const colours = coloursFor(io.stdout, io.env);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['NAME', 'WORKFLOW', 'WHEN', 'STATE', 'NEXT', 'LAST'],
          page.items.map((schedule) => [
            schedule.name,
            pinned(schedule),
            when(schedule),
            schedule.paused ? colours.yellow('paused') : colours.green('active'),
            schedule.nextFireTimes[0] ?? '-',
            schedule.lastFiredAt ?? '-',
          ]),
        ),
      );
      if (page.nextCursor) line(io.stdout, `more: --cursor ${page.nextCursor}`);
    });

  schedules
    .command('get')
    .description('a schedule: its settings, next fire times and latest runs')
    .argument('<name>', 'schedule name')
    .option('--json', 'print the schedule as JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const schedule = await clientFor(command).getSchedule(name);
      if (options.json) return printJson(io.stdout, schedule);
      const colours = coloursFor(io.stdout, io.env);
      line(
        io.stdout,
        `schedule ${schedule.name}  ${pinned(schedule)}  ${when(schedule)}  ${schedule.paused ? colours.yellow('paused') : colours.green('active')}`,
      );
      line(
        io.stdout,
        `overlap ${schedule.overlap}  catchUp ${schedule.catchUp}  jitter ${schedule.jitterMs}ms` +
          (schedule.startAt ? `  from ${schedule.startAt}` : '') +
          (schedule.endAt ? `  until ${schedule.endAt}` : ''),
      );
      line(io.stdout, `next: ${schedule.nextFireTimes.join(', ') || '-'}`);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['RUN', 'STATUS', 'FIRE TIME', 'CREATED'],
          (schedule.lastRuns ?? []).map((run) => [
            run.id,
            paintStatus(colours, run.status),
            run.fireTime ?? 'trigger',
            run.createdAt,
          ]),
        ),
      );
    });

  for (const action of ['pause', 'resume'] as const) {
    schedules
      .command(action)
      .description(
        action === 'pause' ? 'pause a schedule: no run starts at its fire times' : 'resume a schedule from now on',
      )
      .argument('<name>', 'schedule name')
      .option('--json', 'print the schedule as JSON')
      .action(async (name: string, options: { json?: boolean }, command: Command) => {
        const client = clientFor(command);
        const schedule = await (action === 'pause' ? client.pauseSchedule(name) : client.resumeSchedule(name));
        if (options.json) return printJson(io.stdout, schedule);
        line(io.stdout, `schedule ${schedule.name} ${schedule.paused ? 'paused' : 'active'}`);
      });
  }

  schedules
    .command('trigger')
    .description('start one run of a schedule now, outside its fire times (also while paused)')
    .argument('<name>', 'schedule name')
    .option('--json', 'print the started run as JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const started = await clientFor(command).triggerSchedule(name);
      if (options.json) return printJson(io.stdout, started);
      line(io.stdout, `run ${started.id} of ${started.workflow} v${started.version} ${started.status}`);
    });

  schedules
    .command('backfill')
    .description('start one run per fire time in a window (a fire time that has its run keeps it)')
    .argument('<name>', 'schedule name')
    .requiredOption('--from <instant>', 'window start, ISO 8601 with a zone (included)', instant('--from'))
    .requiredOption('--to <instant>', 'window end, ISO 8601 with a zone (included)', instant('--to'))
    .option('--json', 'print the runs as JSON')
    .action(async (name: string, options: { from: string; to: string; json?: boolean }, command: Command) => {
      const result = await clientFor(command).backfillSchedule(name, { from: options.from, to: options.to });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['FIRE TIME', 'RUN', 'RESULT'],
          result.runs.map((run) => [run.fireTime, run.id, run.created ? 'created' : 'existed']),
        ),
      );
      const created = result.runs.filter((run) => run.created).length;
      line(io.stdout, `${result.runs.length} fire time(s): ${created} run(s) started`);
    });

  schedules
    .command('delete')
    .description('delete a schedule (its runs are kept)')
    .argument('<name>', 'schedule name')
    .action(async (name: string, _options: object, command: Command) => {
      await clientFor(command).deleteSchedule(name);
      line(io.stdout, `schedule ${name} deleted`);
    });
  return schedules;
}

function pinned(schedule: Schedule): string {
  return schedule.version === null ? schedule.workflow : `${schedule.workflow} v${schedule.version}`;
}

function when(schedule: Schedule): string {
  if (schedule.every !== null) return `every ${schedule.every}`;
  return schedule.timezone === 'UTC' ? `${schedule.cron}` : `${schedule.cron} (${schedule.timezone})`;
}

/** An ISO 8601 instant; the API checks it too, this only says which flag was wrong before any request. */
function instant(flag: string): (value: string) => string {
  return (value) => {
    if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(`${flag} takes an ISO 8601 time`);
    return value;
  };
}
