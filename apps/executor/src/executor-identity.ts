import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Who this executor process is; attempts it starts carry this id. */
export class ExecutorIdentity {
  readonly id = randomUUID();
  readonly hostname = hostname();
  readonly pid = process.pid;
}
