import { definePlugin } from '@taskloom/sdk';
import { httpRequest } from './http-request';
import { VERSION } from './version';

export { httpRequest };

/** Taskloom's first-party HTTP task type. */
export default definePlugin({ name: 'http', version: VERSION, tasks: [httpRequest] });
