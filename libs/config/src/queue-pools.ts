import { ConfigError } from './config.error';

/** The pool every task type belongs to unless QUEUE_POOLS puts it in another. */
export const DEFAULT_POOL = 'default';

/** A pool name becomes part of Redis keys: no ':' (BullMQ's separator) and no braces (cluster hash tags). */
const POOL_NAME = /^[a-z0-9_-]{1,32}$/;
/** A task type, or a prefix of task types ending in '*'. */
const TYPE_PATTERN = /^[^\s:,;=*]+\*?$|^\*$/;

/** One executor pool and the task types it carries: exact names, or prefixes ending in '*'. */
export interface QueuePoolSpec {
  name: string;
  types: string[];
}

/**
 * QUEUE_POOLS: `heavy=media.transcode,ml.*;io=http.*`. Pools are declared in
 * order; a type belongs to the first pool with a matching pattern, else to
 * `default`. Every api, router and executor must read the same value: the
 * pool is part of the queue name a task is stored with.
 */
export function parseQueuePools(value: string): QueuePoolSpec[] {
  const pools: QueuePoolSpec[] = [];
  const problems: string[] = [];
  for (const entry of value.split(';').map((part) => part.trim())) {
    if (entry === '') continue;
    const [name, types, ...extra] = entry.split('=').map((part) => part.trim());
    const patterns = (types ?? '')
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type !== '');
    if (!name || extra.length > 0 || patterns.length === 0) {
      problems.push(`QUEUE_POOLS: "${entry}" is not pool=type,type (pools separated by ';')`);
    } else if (!POOL_NAME.test(name)) {
      problems.push(`QUEUE_POOLS: pool name "${name}" must be 1 to 32 of a-z, 0-9, "_" and "-"`);
    } else if (name === DEFAULT_POOL || pools.some((pool) => pool.name === name)) {
      problems.push(`QUEUE_POOLS: pool "${name}" is declared twice (every type not listed is in "${DEFAULT_POOL}")`);
    } else {
      const bad = patterns.filter((pattern) => !TYPE_PATTERN.test(pattern));
      if (bad.length > 0)
        problems.push(`QUEUE_POOLS: "${bad.join('", "')}" in pool "${name}" is not a type or a prefix*`);
      pools.push({ name, types: patterns });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return pools;
}

/** EXECUTOR_POOLS: each must be `default` or a pool QUEUE_POOLS declares. */
export function parsePoolNames(names: readonly string[], queuePools: string): string[] {
  const known = new Set([DEFAULT_POOL, ...parseQueuePools(queuePools).map((pool) => pool.name)]);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError([
      `EXECUTOR_POOLS: ${unknown.join(', ')} is not a pool (QUEUE_POOLS declares: ${[...known].join(', ')})`,
    ]);
  }
  return [...new Set(names)];
}
