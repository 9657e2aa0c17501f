import { TASK_TYPE_PATTERN } from '../../task/validate-task-options';
import { ScaffoldError } from './scaffold-error';

/** An npm package name that is also a valid plugin name: lower-case, optionally scoped. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const MAX_PACKAGE_NAME = 214;

/** Prefixes that say "this is a Taskloom plugin" but make poor task-type names. */
const CONVENTIONAL_PREFIXES = ['taskloom-plugin-', 'plugin-'];

export interface PluginNames {
  /** npm package name, also the plugin's name in definePlugin(). */
  packageName: string;
  /** The package name without its scope: the default directory. */
  unscoped: string;
  /** The first task type, e.g. `images.greet`. */
  taskType: string;
}

/** Checks the package name and works out the rest, or throws a ScaffoldError saying what to change. */
export function pluginNames(packageName: string, taskType?: string): PluginNames {
  if (!PACKAGE_NAME.test(packageName) || packageName.length > MAX_PACKAGE_NAME) {
    throw new ScaffoldError(
      `"${packageName}" is not a usable package name: use lower-case letters, digits, ".", "_" and "-", ` +
        'optionally with a scope (e.g. @acme/taskloom-plugin-images)',
    );
  }
  const unscoped = packageName.replace(/^@[^/]+\//, '');
  const type = taskType ?? `${defaultPrefix(unscoped)}.greet`;
  if (!TASK_TYPE_PATTERN.test(type)) {
    throw new ScaffoldError(
      `task type "${type}" is invalid: it must match ${String(TASK_TYPE_PATTERN)} (dotted, lower-case, plugin first, ` +
        'e.g. images.resize); choose one with --type',
    );
  }
  return { packageName, unscoped, taskType: type };
}

/** `taskloom-plugin-images` → `images`; what cannot start a task type is dropped. */
function defaultPrefix(unscoped: string): string {
  const prefix = CONVENTIONAL_PREFIXES.find((p) => unscoped.startsWith(p) && unscoped.length > p.length);
  const short = prefix ? unscoped.slice(prefix.length) : unscoped;
  return short.replace(/\./g, '-').replace(/^[^a-z]+/, '') || 'plugin';
}
