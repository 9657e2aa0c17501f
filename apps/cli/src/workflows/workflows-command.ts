import { Command } from 'commander';
import { line, type CliIo } from '../cli-io';
import { clientFor } from '../connection';
import { printJson } from '../output/print-json';
import { renderTable } from '../output/table';
import { positiveInt } from '../parse-number';

/** `taskloom workflows ls|get`: the registered definitions. */
export function workflowsCommand(io: CliIo): Command {
  const workflows = new Command('workflows').description('list and read registered workflow definitions');
  workflows
    .command('ls')
    .description('the workflows you own or were shared, with their latest version')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await clientFor(command).listWorkflows();
      if (options.json) return printJson(io.stdout, list);
      io.stdout.write(
        renderTable(
          io.stdout,
          ['WORKFLOW', 'LATEST', 'OWNER', 'UPDATED'],
          list.items.map((workflow) => [workflow.name, workflow.latestVersion, workflow.owner, workflow.updatedAt]),
        ),
      );
    });
  workflows
    .command('get')
    .description('a definition: the latest version, or --version n')
    .argument('<name>', 'workflow name')
    .option('--version <n>', 'this version', positiveInt('--version'))
    .option('--json', 'print the whole answer as JSON (default: the definition, indented)')
    .action(async (name: string, options: { version?: number; json?: boolean }, command: Command) => {
      const client = clientFor(command);
      const found =
        options.version === undefined
          ? await client.getWorkflow(name)
          : await client.getWorkflowVersion(name, options.version);
      if (options.json) return printJson(io.stdout, found);
      line(io.stdout, `# ${found.name} v${found.version} (${found.checksum})`);
      line(io.stdout, JSON.stringify(found.definition, null, 2));
    });
  return workflows;
}
