import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { line } from '../cli-io';
import { clientFor } from '../connection';
import { coloursFor } from '../output/colours';
import { printJson } from '../output/print-json';
import { renderTable } from '../output/table';
import { findDefinitionFiles } from './find-definition-files';
import { loadDefinitions, type LoadedDefinition } from './load-definitions';

interface ApplyOptions {
  file: string[];
  json?: boolean;
}

/**
 * `taskloom apply -f <file|dir>`: registers every definition found.
 * Idempotent because registering is: an identical definition answers its
 * existing version (unchanged), a changed one the next (created). Files are
 * all read before anything is sent, so a broken file registers nothing.
 */
export function applyCommand(io: CliIo): Command {
  return new Command('apply')
    .description('register workflow definitions from JSON, YAML or TypeScript/JavaScript modules (idempotent)')
    .requiredOption(
      '-f, --file <path...>',
      'a file, or a folder searched recursively (*.json, *.yaml, *.yml, *.ts, *.js)',
    )
    .option('--json', 'print the results as JSON')
    .action(async (options: ApplyOptions, command: Command) => {
      const files = (await Promise.all(options.file.map(findDefinitionFiles))).flat();
      const definitions: LoadedDefinition[] = [];
      for (const file of files) definitions.push(...(await loadDefinitions(file)));
      const client = clientFor(command);
      const results = [];
      for (const { file, definition } of definitions) {
        const registered = await client.registerWorkflow(definition);
        results.push({ file, name: registered.name, version: registered.version, created: registered.created });
      }
      if (options.json) return printJson(io.stdout, results);
      const colours = coloursFor(io.stdout, io.env);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['WORKFLOW', 'VERSION', 'RESULT', 'FILE'],
          results.map((result) => [
            result.name,
            result.version,
            result.created ? colours.green('created') : colours.dim('unchanged'),
            result.file,
          ]),
        ),
      );
      const created = results.filter((result) => result.created).length;
      line(io.stdout, `${results.length} definition(s): ${created} created, ${results.length - created} unchanged`);
    });
}
