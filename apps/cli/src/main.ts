import { processIo } from './cli-io';
import { runCli } from './run-cli';

const io = processIo();
void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
