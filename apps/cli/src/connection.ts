import { TaskloomClient } from '@taskloom/client';
import { Option, type Command } from 'commander';

export const DEFAULT_URL = 'http://localhost:3000';

export interface ConnectionOptions {
  url: string;
  apiKey?: string;
}

/** `--url` and `--api-key`, which fall back to TASKLOOM_URL and TASKLOOM_API_KEY. */
export function addConnectionOptions(program: Command, env: Record<string, string | undefined>): Command {
  return program
    .addOption(
      new Option('--url <url>', 'the Taskloom api').default(
        env.TASKLOOM_URL || DEFAULT_URL,
        `env: TASKLOOM_URL, else ${DEFAULT_URL}`,
      ),
    )
    .addOption(
      // The description stands in for the value in --help, which must not print a secret.
      new Option('--api-key <key>', 'an API key, when the api has AUTH_ENABLED (env: TASKLOOM_API_KEY)').default(
        env.TASKLOOM_API_KEY || undefined,
        'from TASKLOOM_API_KEY',
      ),
    );
}

export function clientFor(command: Command): TaskloomClient {
  const { url, apiKey } = command.optsWithGlobals<ConnectionOptions>();
  return new TaskloomClient({ baseUrl: url, apiKey, headers: { 'user-agent': 'taskloom-cli' } });
}
