import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Every test suite gets its own database and its own Redis key prefix, so
 * suites running in parallel never see each other's rows, queues or jobs.
 */
export interface SuiteServices {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** `at` points a suite at a private PostgreSQL or Redis (a chaos test restarts them) instead of the shared ones. */
export async function createSuiteServices(
  suite: string,
  at: { postgresUrl?: string; redisUrl?: string } = {},
): Promise<SuiteServices> {
  const postgresUrl = at.postgresUrl ?? POSTGRES_URL;
  const redisUrl = at.redisUrl ?? REDIS_URL;
  const token = `${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const database = `taskloom_test_${token}`;
  await adminQuery(postgresUrl, `CREATE DATABASE "${database}"`);
  const databaseUrl = `${postgresUrl}/${database}`;
  const redisPrefix = `tl-test-${token}`;
  return {
    databaseUrl,
    redisUrl,
    redisPrefix,
    env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'info' },
    dispose: async () => {
      await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await deleteRedisKeys(redisPrefix, redisUrl);
    },
  };
}

async function adminQuery(postgresUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: `${postgresUrl}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function deleteRedisKeys(prefix: string, redisUrl = REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
