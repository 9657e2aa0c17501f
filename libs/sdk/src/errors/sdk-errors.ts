/**
 * Configuration errors: thrown at definition, load or start-up time, never by
 * a running task. Each says what is wrong and how to fix it.
 */
export class TaskloomSdkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** defineTask() got an invalid definition. */
export class TaskDefinitionError extends TaskloomSdkError {}

/** definePlugin() got an invalid plugin (e.g. two task types with one name). */
export class PluginDefinitionError extends TaskloomSdkError {}

/** loadPlugin() could not resolve, load or recognise a plugin module. */
export class PluginLoadError extends TaskloomSdkError {}

/** A resource profile name that is not one of RESOURCE_PROFILES. */
export class UnknownResourceProfileError extends TaskloomSdkError {}

/** A resource spec with an invalid cpu, memoryMb or timeoutMs. */
export class InvalidResourceSpecError extends TaskloomSdkError {}

/** TaskHost was constructed with options it cannot honour. */
export class TaskHostConfigError extends TaskloomSdkError {}
