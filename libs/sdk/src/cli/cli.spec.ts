import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCli } from './cli';
import { pluginNames } from './scaffold/plugin-names';
import { ScaffoldError } from './scaffold/scaffold-error';

const sdkPackage = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

async function runCli(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const cli = createCli({ out: (line) => lines.push(line) });
  cli.exitOverride();
  await cli.parseAsync(args, { from: 'user' });
  return lines;
}

describe('taskloom-sdk plugin new', () => {
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'taskloom-cli-'));
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('is the bin of the SDK package', () => {
    expect(sdkPackage.bin).toEqual({ 'taskloom-sdk': 'bin/taskloom-sdk.cjs' });
  });

  it('runs from the bin shim of the built SDK', () => {
    const shim = path.resolve(__dirname, '../../bin/taskloom-sdk.cjs');
    const ran = spawnSync(process.execPath, [shim, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(ran).toMatchObject({ status: 0, stdout: `${sdkPackage.version}\n` });
  });

  it('writes a plugin package: package.json, tsconfig, source, a test and a README', async () => {
    const dir = path.join(work, 'images');
    const lines = await runCli(['plugin', 'new', '@acme/taskloom-plugin-images', '--dir', dir]);
    expect(lines[0]).toBe(`Created @acme/taskloom-plugin-images in ${dir} with task type images.greet:`);
    expect(lines).toContain('  src/index.ts');

    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: '@acme/taskloom-plugin-images',
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      dependencies: { '@taskloom/sdk': `^${sdkPackage.version}` },
      scripts: { build: 'tsc -p tsconfig.json', test: 'npm run build && node --test "dist/**/*.test.js"' },
    });
    expect(Object.keys(pkg.devDependencies as object).sort()).toEqual(['@types/node', 'typescript']);

    const tsconfig = JSON.parse(await readFile(path.join(dir, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(tsconfig.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist', strict: true, types: ['node'] });

    const index = await readFile(path.join(dir, 'src/index.ts'), 'utf8');
    expect(index).toContain("import { definePlugin, defineTask, z } from '@taskloom/sdk';");
    expect(index).toContain("type: 'images.greet',");
    expect(index).toContain("name: '@acme/taskloom-plugin-images',");
    expect(index).toContain('export const greet = defineTask({');

    const test = await readFile(path.join(dir, 'src/index.test.ts'), 'utf8');
    expect(test).toContain("from '@taskloom/sdk/testing';");
    expect(test).toContain("import plugin, { greet } from './index';");

    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toMatch(/^# @acme\/taskloom-plugin-images\n/);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\ndist/\n');
  });

  it('takes the task type from --type, and the directory from the name by default', async () => {
    const cwd = process.cwd();
    process.chdir(work);
    try {
      await runCli(['plugin', 'new', 'billing-tools', '--type', 'billing.send_invoice']);
    } finally {
      process.chdir(cwd);
    }
    const index = await readFile(path.join(work, 'billing-tools/src/index.ts'), 'utf8');
    expect(index).toContain("type: 'billing.send_invoice',");
    expect(index).toContain('export const sendInvoice = defineTask({');
  });

  it('refuses a directory that is not empty, and bad names, saying what to change', async () => {
    const dir = path.join(work, 'taken');
    await mkdir(dir);
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    await expect(runCli(['plugin', 'new', 'taken', '--dir', dir])).rejects.toThrow(
      /taken already exists and is not empty; choose another directory with --dir/,
    );
    await expect(runCli(['plugin', 'new', 'Bad Name', '--dir', path.join(work, 'x')])).rejects.toThrow(ScaffoldError);
    await expect(runCli(['plugin', 'new', 'fine', '--type', 'NoDots', '--dir', path.join(work, 'y')])).rejects.toThrow(
      /task type "NoDots" is invalid: .*choose one with --type/,
    );
    expect(await readFile(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it.each([
    ['@acme/taskloom-plugin-images', 'images.greet'],
    ['taskloom-plugin-pdf.tools', 'pdf-tools.greet'],
    ['plugin-x', 'x.greet'],
    ['42-things', 'things.greet'],
    ['@acme/123', 'plugin.greet'],
  ])('names the first task type of %s %s', (name, type) => {
    expect(pluginNames(name).taskType).toBe(type);
  });
});
