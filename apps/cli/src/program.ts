import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pluginCommand } from '@taskloom/sdk/cli';
import { Command } from 'commander';
import { applyCommand } from './apply/apply-command';
import { line, type CliIo } from './cli-io';
import { addConnectionOptions } from './connection';
import { eventsCommand } from './events/events-command';
import { runCommand } from './run/run-command';
import { runsCommand } from './runs/runs-command';
import { schedulesCommand } from './schedules/schedules-command';
import { signalCommand } from './signals/signal-command';
import { workflowsCommand } from './workflows/workflows-command';

/** The `taskloom` command, writing to `io`: tests run it in-process, main.ts on the real process. */
export function createProgram(io: CliIo): Command {
  const program = new Command('taskloom')
    .description(
      'Operate Taskloom: apply workflow definitions and schedules, start and follow runs, inspect and control them, send signals and events',
    )
    .version(cliVersion());
  addConnectionOptions(program, io.env);
  program
    .addCommand(applyCommand(io))
    .addCommand(runCommand(io))
    .addCommand(runsCommand(io))
    .addCommand(workflowsCommand(io))
    .addCommand(schedulesCommand(io))
    .addCommand(signalCommand(io))
    .addCommand(eventsCommand(io))
    .addCommand(pluginCommand({ out: (text) => line(io.stdout, text) }));
  // addCommand() does not pass output settings down, so every command gets them (help and usage errors to io).
  for (const command of allCommands(program)) {
    command
      .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
      .showHelpAfterError(`(${commandPath(command)} --help lists the options)`);
  }
  return program;
}

function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

export function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function cliVersion(): string {
  // package.json sits one level above both src/ and dist/.
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
