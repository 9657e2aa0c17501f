import { definePlugin } from '@taskloom/sdk';
import { filter } from './filter';
import { map } from './map';
import { VERSION } from './version';

export { filter, map };

/** Taskloom's first-party JSON transform task types. */
export default definePlugin({ name: 'transform', version: VERSION, tasks: [map, filter] });
