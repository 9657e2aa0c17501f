import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { line } from '../cli-io';
import { clientFor } from '../connection';
import { coloursFor } from '../output/colours';
import { printJson } from '../output/print-json';
import { renderTable } from '../output/table';
import { applySchedule, type ScheduleResult } from './apply-schedule';
import { findDefinitionFiles } from './find-definition-files';
import { loadDefinitions, type LoadedDefinition } from './load-definitions';

interface ApplyOptions {
  file: string[];
  json?: boolean;
}

type Applied =
  | { kind: 'workflow'; file: string; name: string; version: number; created: boolean }
  | { kind: 'schedule'; file: string; name: string; result: ScheduleResult };

/**
 * `taskloom apply -f <file|dir>`: registers every workflow definition found,
 * then creates or replaces every schedule (so a schedule may name a workflow
 * from the same folder). Idempotent: an identical definition answers its
 * existing version (unchanged), a changed one the next (created); a schedule
 * is replaced only when it differs. Files are all read before anything is
 * sent, so a broken file applies nothing.
 */
export function applyCommand(io: CliIo): Command {
  return new Command('apply')
    .description(
      'register workflow definitions and create or update schedules from JSON, YAML or TypeScript/JavaScript modules (idempotent)',
    )
    .requiredOption(
      '-f, --file <path...>',
      'a file, or a folder searched recursively (*.json, *.yaml, *.yml, *.ts, *.js)',
    )
    .option('--json', 'print the results as JSON')
    .action(async (options: ApplyOptions, command: Command) => {
      const files = (await Promise.all(options.file.map(findDefinitionFiles))).flat();
      const documents: LoadedDefinition[] = [];
      for (const file of files) documents.push(...(await loadDefinitions(file)));
      const client = clientFor(command);
      const results: Applied[] = [];
      for (const document of documents) {
        if (document.kind !== 'workflow') continue;
        const registered = await client.registerWorkflow(document.definition);
        const { name, version, created } = registered;
        results.push({ kind: 'workflow', file: document.file, name, version, created });
      }
      for (const document of documents) {
        if (document.kind !== 'schedule') continue;
        const result = await applySchedule(client, document.schedule);
        results.push({ kind: 'schedule', file: document.file, name: document.schedule.name, result });
      }
      if (options.json) return printJson(io.stdout, results);
      printResults(io, results);
    });
}

function printResults(io: CliIo, results: Applied[]): void {
  const colours = coloursFor(io.stdout, io.env);
  const paint = (result: string) => (result === 'unchanged' ? colours.dim(result) : colours.green(result));
  io.stdout.write(
    renderTable(
      io.stdout,
      ['KIND', 'NAME', 'VERSION', 'RESULT', 'FILE'],
      results.map((applied) =>
        applied.kind === 'workflow'
          ? ['workflow', applied.name, applied.version, paint(applied.created ? 'created' : 'unchanged'), applied.file]
          : ['schedule', applied.name, '-', paint(applied.result), applied.file],
      ),
    ),
  );
  const workflows = results.filter((applied) => applied.kind === 'workflow');
  const created = workflows.filter((applied) => applied.created).length;
  line(io.stdout, `${workflows.length} definition(s): ${created} created, ${workflows.length - created} unchanged`);
  const schedules = results.filter((applied) => applied.kind === 'schedule');
  if (schedules.length === 0) return;
  const count = (result: ScheduleResult) => schedules.filter((applied) => applied.result === result).length;
  line(
    io.stdout,
    `${schedules.length} schedule(s): ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`,
  );
}
