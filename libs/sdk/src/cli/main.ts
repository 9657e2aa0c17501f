import { TaskloomSdkError } from '../errors/sdk-errors';
import { createCli } from './cli';

createCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Our own errors already say what to change; anything else is a bug worth its stack.
    process.stderr.write(
      `taskloom: ${error instanceof TaskloomSdkError ? error.message : String((error as Error).stack ?? error)}\n`,
    );
    process.exitCode = 1;
  });
