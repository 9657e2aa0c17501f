import { TaskloomSdkError } from '../../errors/sdk-errors';

/** `taskloom plugin new` (or `taskloom-sdk plugin new`) cannot create the plugin as asked; the message says what to change. */
export class ScaffoldError extends TaskloomSdkError {}
