/** @taskloom/cli: the `taskloom` command, also callable in-process (tests, wrappers). */
export { runCli } from './run-cli';
export { createProgram } from './program';
export { EXIT, exitCodeFor } from './exit-codes';
export type { CliIo, OutputStream } from './cli-io';
