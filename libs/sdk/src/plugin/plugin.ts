import { PluginDefinitionError } from '../errors/sdk-errors';
import { isTaskType, type AnyTaskType } from '../task/task-type';

/**
 * Brand on every plugin. `Symbol.for` keeps it recognisable when the plugin
 * was built against another copy of the SDK; the value is the plugin
 * contract version, so a future host can refuse a plugin it cannot run.
 */
export const PLUGIN_BRAND: unique symbol = Symbol.for('taskloom.plugin');
export const PLUGIN_CONTRACT_VERSION = 1;

/** A package's default export: a named, versioned set of task types. */
export interface Plugin {
  readonly name: string;
  readonly version: string;
  readonly tasks: readonly AnyTaskType[];
}

export interface PluginOptions {
  name: string;
  version: string;
  tasks: AnyTaskType[];
}

const PLUGIN_NAME = /^[a-z0-9@][a-z0-9@/._-]*$/;

/** Defines a plugin; throws PluginDefinitionError on a duplicate task type or a task not made by defineTask(). */
export function definePlugin(options: PluginOptions): Plugin {
  const { name, version, tasks } = options;
  if (typeof name !== 'string' || !PLUGIN_NAME.test(name)) {
    throw new PluginDefinitionError(
      `plugin name ${JSON.stringify(name)} is invalid: use a lower-case package-like name such as "core" or "@acme/billing"`,
    );
  }
  if (typeof version !== 'string' || version.trim() === '') {
    throw new PluginDefinitionError(
      `plugin "${name}": version must be a non-empty string (e.g. the package.json version)`,
    );
  }
  if (!Array.isArray(tasks))
    throw new PluginDefinitionError(`plugin "${name}": tasks must be an array of defineTask() results`);
  const seen = new Set<string>();
  tasks.forEach((task, index) => {
    if (!isTaskType(task)) {
      throw new PluginDefinitionError(
        `plugin "${name}": tasks[${index}] was not created with defineTask() from @taskloom/sdk`,
      );
    }
    if (seen.has(task.type)) {
      throw new PluginDefinitionError(
        `plugin "${name}": task type "${task.type}" is defined twice; task type names must be unique`,
      );
    }
    seen.add(task.type);
  });
  const plugin = { name, version, tasks: Object.freeze([...tasks]) };
  Object.defineProperty(plugin, PLUGIN_BRAND, { value: PLUGIN_CONTRACT_VERSION, enumerable: false });
  return Object.freeze(plugin);
}

/** True for a definePlugin() result from any copy of the SDK. */
export function isPlugin(value: unknown): value is Plugin {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Plugin> & { [PLUGIN_BRAND]?: unknown };
  return v[PLUGIN_BRAND] === PLUGIN_CONTRACT_VERSION && typeof v.name === 'string' && Array.isArray(v.tasks);
}
