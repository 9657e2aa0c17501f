import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliUsageError } from '../cli-error';

const DATA = ['.json', '.yaml', '.yml'];
const MODULES = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
/** Beside definitions in a folder: tests, declarations and package files, which are not definitions. */
const NOT_DEFINITIONS = /\.(spec|test|type-test)\.[cm]?[jt]s$|\.d\.[cm]?ts$|^(package|package-lock|tsconfig.*)\.json$/;

/** A file as given, or the definition files under a folder (recursively, sorted, node_modules skipped). */
export async function findDefinitionFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new CliUsageError(`${target}: no such file or folder`);
  if (info.isFile()) {
    if (!isDefinitionFile(target, true)) {
      throw new CliUsageError(`${target}: apply reads ${[...DATA, ...MODULES].join(', ')} files`);
    }
    return [target];
  }
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isDefinitionFile(entry.name, false))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .sort();
}

function isDefinitionFile(file: string, named: boolean): boolean {
  const extension = path.extname(file);
  if (!DATA.includes(extension) && !MODULES.includes(extension)) return false;
  return named || !NOT_DEFINITIONS.test(file);
}

export function isModuleFile(file: string): boolean {
  return MODULES.includes(path.extname(file));
}
