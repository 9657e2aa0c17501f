import { definePlugin } from '@taskloom/sdk';
import { cpu } from './tasks/cpu';
import { echoBatch } from './tasks/echo-batch';
import { fail } from './tasks/fail';
import { noop } from './tasks/noop';
import { sleep } from './tasks/sleep';
import { VERSION } from './version';

export { cpu, echoBatch, fail, noop, sleep };

/** Taskloom's first-party core task types. */
export default definePlugin({
  name: 'core',
  version: VERSION,
  tasks: [noop, sleep, fail, cpu, echoBatch],
});
