import { createRequire } from 'node:module';
import path from 'node:path';
import { PluginLoadError } from '../errors/sdk-errors';

/**
 * A plugin specifier to the absolute path of its entry file. Package names
 * resolve from `fromDir` (default: the working directory, where the app's
 * node_modules are), then from the SDK's own location; relative paths resolve
 * against `fromDir`.
 */
export function resolvePluginPath(specifier: string, fromDir: string = process.cwd()): string {
  if (typeof specifier !== 'string' || specifier.trim() === '') {
    throw new PluginLoadError(`plugin specifier must be a package name or a path, got ${JSON.stringify(specifier)}`);
  }
  const request = specifier.startsWith('.') ? path.resolve(fromDir, specifier) : specifier;
  const attempts = [path.join(fromDir, 'noop.js'), __filename];
  let lastError: unknown;
  for (const base of attempts) {
    try {
      return createRequire(base).resolve(request);
    } catch (error) {
      lastError = error;
    }
  }
  const hint = path.isAbsolute(request)
    ? 'check the path (point it at the built JavaScript entry, not the TypeScript source)'
    : `install it (npm install ${specifier}) or give an absolute path`;
  throw new PluginLoadError(`cannot resolve plugin "${specifier}" from ${fromDir}: ${hint}`, { cause: lastError });
}
