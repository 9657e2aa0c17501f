import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CliUsageError } from '../cli-error';

/** `--input '{"a":1}'` or `--input @file.json` (relative to the working directory); `flag` names it in errors. */
export function parseInput(value: string, cwd: string, flag = '--input'): unknown {
  const fromFile = value.startsWith('@');
  const where = fromFile ? path.resolve(cwd, value.slice(1)) : undefined;
  let text: string;
  try {
    text = where ? readFileSync(where, 'utf8') : value;
  } catch (error) {
    throw new CliUsageError(`${flag} ${value}: cannot read ${where} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`${flag} ${fromFile ? where : 'value'} is not valid JSON (${(error as Error).message})`);
  }
}
