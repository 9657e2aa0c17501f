import path from 'node:path';
import { Command } from 'commander';
import { scaffoldPlugin } from './scaffold/scaffold-plugin';
import { sdkVersion } from './scaffold/sdk-version';

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  out(line: string): void;
}

const stdout: CliOutput = { out: (line) => process.stdout.write(`${line}\n`) };

/** The `taskloom-sdk` command of the SDK package: tools for plugin authors. */
export function createCli(output: CliOutput = stdout): Command {
  return new Command('taskloom-sdk')
    .description('Taskloom plugin SDK tools')
    .version(sdkVersion())
    .addCommand(pluginCommand(output));
}

/** `plugin new`: also a subcommand of the operator CLI (`taskloom plugin new`). */
export function pluginCommand(output: CliOutput = stdout): Command {
  const plugin = new Command('plugin').description('work on Taskloom plugins');
  plugin
    .command('new')
    .description('create a plugin package with one task type, a test and a README')
    .argument('<name>', 'npm package name, e.g. @acme/taskloom-plugin-images')
    .option('-d, --dir <path>', 'directory to create (default: the name without its scope)')
    .option('-t, --type <type>', 'the first task type (default: <short name>.greet)')
    .action(async (name: string, opts: { dir?: string; type?: string }) => {
      const result = await scaffoldPlugin({ name, dir: opts.dir, taskType: opts.type });
      const where = path.relative(process.cwd(), result.dir) || '.';
      output.out(`Created ${name} in ${result.dir} with task type ${result.taskType}:`);
      for (const file of result.files) output.out(`  ${file}`);
      output.out('');
      output.out('Next:');
      output.out(`  cd ${where} && npm install && npm test`);
      output.out(`  then add ${result.dir} to the executor's PLUGINS`);
    });
  return plugin;
}
