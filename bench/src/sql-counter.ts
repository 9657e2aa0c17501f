/**
 * Preloaded into the apps by `--count-sql` (`node --require`): counts every
 * statement sent through node-postgres by its text and every Redis command
 * sent through ioredis (`redis <command>`, BullMQ's scripts by name), and on SIGUSR2 writes
 * the running counts to `$BENCH_SQL_COUNT_DIR/<pid>.json`. pg_stat_statements
 * needs a server restart, which a shared PostgreSQL does not allow; counting
 * in the client needs nothing of the server.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

const counts = new Map<string, number>();
/** Normalising a statement's text costs more than the count: once per distinct text. */
const keys = new Map<string, string>();
const dir = process.env.BENCH_SQL_COUNT_DIR;

if (dir) {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string') {
      let key = keys.get(text);
      if (key === undefined) keys.set(text, (key = text.replace(/\s+/g, ' ').trim().slice(0, 160)));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const scripts = new Map<string, string>();
  const defineCommand = Redis.prototype.defineCommand;
  Redis.prototype.defineCommand = function namedScript(
    this: Redis,
    name: string,
    definition: { lua: string; numberOfKeys?: number },
  ) {
    scripts.set(createHash('sha1').update(definition.lua).digest('hex'), name);
    return defineCommand.call(this, name, definition);
  } as typeof Redis.prototype.defineCommand;
  const sendCommand = Redis.prototype.sendCommand as (...args: unknown[]) => unknown;
  Redis.prototype.sendCommand = function countedCommand(this: Redis, ...args: unknown[]) {
    const command = args[0] as { name: string; args: unknown[] };
    const script = command.name === 'evalsha' ? scripts.get(String(command.args[0])) : undefined;
    count(`redis ${script ? `script ${script}` : command.name}`);
    return sendCommand.apply(this, args);
  } as typeof Redis.prototype.sendCommand;
  process.on('SIGUSR2', () => {
    writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(Object.fromEntries(counts)));
  });
}
