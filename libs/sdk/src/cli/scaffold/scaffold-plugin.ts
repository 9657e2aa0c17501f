import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pluginNames } from './plugin-names';
import { pluginTemplate } from './plugin-template';
import { ScaffoldError } from './scaffold-error';
import { sdkVersion } from './sdk-version';

export interface ScaffoldOptions {
  /** npm package name of the plugin, e.g. `@acme/taskloom-plugin-images`. */
  name: string;
  /** Directory to create. Default: the unscoped name, under `cwd`. */
  dir?: string;
  /** The first task type. Default: `<short name>.greet`. */
  taskType?: string;
  cwd?: string;
}

export interface ScaffoldResult {
  dir: string;
  taskType: string;
  /** Paths written, relative to `dir`. */
  files: string[];
}

/** Writes a new plugin package; refuses a directory that already has files in it. */
export async function scaffoldPlugin(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const names = pluginNames(options.name, options.taskType);
  const dir = path.resolve(options.cwd ?? process.cwd(), options.dir ?? names.unscoped);
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new ScaffoldError(`cannot use ${dir}: ${error.message}`, { cause: error });
  });
  if (existing.length > 0) {
    throw new ScaffoldError(`${dir} already exists and is not empty; choose another directory with --dir`);
  }
  const files = pluginTemplate(names, sdkVersion());
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content, { flag: 'wx' });
  }
  return { dir, taskType: names.taskType, files: Object.keys(files) };
}
