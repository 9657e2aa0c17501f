import { createRequire } from 'node:module';
import { PluginLoadError } from '../errors/sdk-errors';
import { isPlugin, type Plugin } from './plugin';
import { resolvePluginPath } from './resolve-plugin';

/**
 * Loads a plugin module (a package name, or a path to built JavaScript) and
 * returns its default export. Accepts `export default definePlugin(...)`
 * (ESM or compiled to CommonJS) and `module.exports = definePlugin(...)`.
 * ESM plugins load through require(esm), so they must not use top-level await.
 */
export async function loadPlugin(specifier: string, options: { fromDir?: string } = {}): Promise<Plugin> {
  return loadPluginSync(specifier, options);
}

/** loadPlugin without the promise, for worker and process runners. */
export function loadPluginSync(specifier: string, options: { fromDir?: string } = {}): Plugin {
  const file = resolvePluginPath(specifier, options.fromDir);
  let mod: unknown;
  try {
    mod = createRequire(file)(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ERR_REQUIRE_ASYNC_MODULE'
        ? 'it uses top-level await, which plugins cannot; move the awaited work into the handlers'
        : `it threw while loading: ${(error as Error).message}`;
    throw new PluginLoadError(`cannot load plugin "${specifier}" (${file}): ${why}`, { cause: error });
  }
  const plugin = pickPlugin(mod);
  if (plugin) return plugin;
  throw new PluginLoadError(
    `plugin "${specifier}" (${file}) does not default-export a plugin: found ${describeExports(mod)}. ` +
      'Export one with `export default definePlugin({ name, version, tasks })` from @taskloom/sdk',
  );
}

function pickPlugin(mod: unknown): Plugin | undefined {
  const candidates = [defaultOf(mod), defaultOf(defaultOf(mod)), mod];
  return candidates.find(isPlugin);
}

function defaultOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { default?: unknown }).default : undefined;
}

function describeExports(mod: unknown): string {
  const target = defaultOf(mod) ?? mod;
  if (target === null || typeof target !== 'object') return `${target === null ? 'null' : typeof target}`;
  const keys = Object.keys(target);
  const looksLikePlugin = 'name' in target && 'tasks' in target;
  const shape = keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 10).join(', ')}`;
  return looksLikePlugin ? `${shape}, which looks like a plugin but was not created with definePlugin()` : shape;
}
