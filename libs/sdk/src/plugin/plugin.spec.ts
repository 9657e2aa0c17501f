import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { PluginDefinitionError, PluginLoadError } from '../errors/sdk-errors';
import { defineTask } from '../task/define-task';
import { loadPlugin } from './load-plugin';
import { definePlugin, isPlugin } from './plugin';

const fixtures = path.resolve(__dirname, '../../fixtures/plugins');
const distSdk = createRequire(__filename)(path.resolve(__dirname, '../../dist/index.js')) as typeof import('../index');

const task = (type: string) =>
  defineTask({ type, description: type, input: z.object({}), output: z.object({}), run: () => ({}) });

describe('definePlugin', () => {
  it('makes a frozen, branded plugin', () => {
    const plugin = definePlugin({ name: 'demo', version: '1.0.0', tasks: [task('demo.a'), task('demo.b')] });
    expect(isPlugin(plugin)).toBe(true);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(plugin.tasks.map((t) => t.type)).toEqual(['demo.a', 'demo.b']);
  });

  it('refuses a duplicate task type, naming it', () => {
    expect(() => definePlugin({ name: 'demo', version: '1.0.0', tasks: [task('demo.a'), task('demo.a')] })).toThrow(
      new PluginDefinitionError('plugin "demo": task type "demo.a" is defined twice; task type names must be unique'),
    );
  });

  it('refuses tasks not made by defineTask, and bad names or versions', () => {
    const fake = { type: 'demo.fake', run: () => ({}) };
    expect(() => definePlugin({ name: 'demo', version: '1', tasks: [fake as never] })).toThrow(
      /tasks\[0\] was not created with defineTask\(\)/,
    );
    expect(() => definePlugin({ name: 'Demo Plugin', version: '1', tasks: [] })).toThrow(PluginDefinitionError);
    expect(() => definePlugin({ name: 'demo', version: '', tasks: [] })).toThrow(/version must be a non-empty string/);
  });

  it('recognises plugins and task types from another SDK copy (Symbol.for brand)', () => {
    const foreign = distSdk.definePlugin({
      name: 'foreign',
      version: '1.0.0',
      tasks: [
        distSdk.defineTask({
          type: 'foreign.a',
          description: 'a',
          input: distSdk.z.object({}),
          output: distSdk.z.object({}),
          run: () => ({}),
        }),
      ],
    });
    expect(isPlugin(foreign)).toBe(true);
    expect(() =>
      definePlugin({ name: 'mixed', version: '1', tasks: [...foreign.tasks, task('demo.a')] }),
    ).not.toThrow();
    expect(isPlugin({ name: 'x', version: '1', tasks: [] })).toBe(false);
    expect(isPlugin(null)).toBe(false);
  });
});

describe('loadPlugin', () => {
  it.each([
    ['module.exports = plugin', 'module-exports.cjs', 'cjs-plain'],
    ['exports.default with __esModule (TypeScript to CommonJS)', 'esm-interop.cjs', 'cjs-default'],
    ['a native ES module default export', 'native-esm.mjs', 'esm'],
  ])('loads %s', async (_shape, file, name) => {
    const plugin = await loadPlugin(path.join(fixtures, file));
    expect(isPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe(name);
    expect(plugin.version).toBe('1.2.3');
    expect(plugin.tasks.map((t) => t.type)).toEqual([`${name}.hello`]);
  });

  it('resolves a relative path against fromDir', async () => {
    expect((await loadPlugin('./module-exports.cjs', { fromDir: fixtures })).name).toBe('cjs-plain');
  });

  it('says what a module exports instead of a plugin, and how to fix it', async () => {
    await expect(loadPlugin(path.join(fixtures, 'no-default.cjs'))).rejects.toThrow(PluginLoadError);
    await expect(loadPlugin(path.join(fixtures, 'no-default.cjs'))).rejects.toThrow(
      /does not default-export a plugin: found an object with keys hello, world\. Export one with `export default definePlugin/,
    );
    await expect(loadPlugin(path.join(fixtures, 'lookalike.cjs'))).rejects.toThrow(
      /looks like a plugin but was not created with definePlugin\(\)/,
    );
  });

  it('reports a module that throws while loading, keeping the cause', async () => {
    const error = (await loadPlugin(path.join(fixtures, 'throws.cjs')).catch((e: unknown) => e)) as PluginLoadError;
    expect(error).toBeInstanceOf(PluginLoadError);
    expect(error.message).toMatch(/it threw while loading: this plugin cannot start: missing API key/);
    expect((error.cause as Error).message).toBe('this plugin cannot start: missing API key');
  });

  it('explains top-level await', async () => {
    await expect(loadPlugin(path.join(fixtures, 'top-level-await.mjs'))).rejects.toThrow(/top-level await/);
  });

  it('cannot resolve a missing package or path, and says what to do', async () => {
    await expect(loadPlugin('@taskloom/plugin-does-not-exist')).rejects.toThrow(
      /cannot resolve plugin "@taskloom\/plugin-does-not-exist" .*install it \(npm install @taskloom\/plugin-does-not-exist\)/,
    );
    await expect(loadPlugin(path.join(fixtures, 'missing.js'))).rejects.toThrow(/check the path/);
  });
});
