/** @taskloom/sdk/cli: the plugin tools as a commander command, for the operator CLI to mount. */
export { pluginCommand, type CliOutput } from './cli';
export { ScaffoldError } from './scaffold/scaffold-error';
