import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import type { Client } from 'pg';
import type { Machine } from './report';
import { ROOT } from './processes';

/** What a result depends on besides the code, so results from different runs can be compared fairly. */
export async function describeMachine(db: Client, redisUrl: string): Promise<Machine> {
  const postgres = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const info = await redis.info('server');
    return {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
      postgres: `PostgreSQL ${postgres.split(' ')[0]}`,
      redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      commit: gitCommit(),
    };
  } finally {
    redis.disconnect();
  }
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !==
      '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}
