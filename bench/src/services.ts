import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/**
 * The bench's own PostgreSQL database and Redis key prefix, so it can run
 * next to tests or a dev instance on the same servers and clean up after
 * itself without touching anything else (never FLUSHALL a shared Redis).
 */
export interface BenchServices {
  database: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Drops the database and deletes every key under the prefix; safe to call twice. */
  dispose(): Promise<void>;
}

export async function createServices(postgresUrl: string, redisUrl: string): Promise<BenchServices> {
  const token = randomBytes(4).toString('hex');
  const database = `taskloom_bench_${token}`;
  const redisPrefix = `bench-${token}`;
  await adminQuery(postgresUrl, `CREATE DATABASE "${database}"`);
  let disposed = false;
  return {
    database,
    databaseUrl: `${postgresUrl}/${database}`,
    redisUrl,
    redisPrefix,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      // Both always run: a failed drop must not leave the Redis keys behind, nor the reverse.
      const results = await Promise.allSettled([
        adminQuery(postgresUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
        deleteKeys(redisUrl, redisPrefix),
      ]);
      const failed = results.filter((result) => result.status === 'rejected');
      if (failed.length > 0)
        throw new AggregateError(
          failed.map((result) => result.reason as unknown),
          'cleanup failed',
        );
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

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
