import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './api-client';

/** The newest PostgreSQL server installed from the distribution's packages. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server under ${root}`);
  return join(root, versions[0]!, 'bin');
}

/**
 * A PostgreSQL cluster of the suite's own, on a free port, for tests that
 * crash and restart PostgreSQL: the shared server is never touched. Its
 * binaries refuse to run as root, so they run as the postgres user.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'tl-private-pg-'));
    const dataDir = join(dir, 'data');
    if (process.getuid?.() === 0) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
    asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    const postgres = new PrivatePostgres(dataDir, await freePort());
    postgres.up();
    return postgres;
  }

  /** An immediate shutdown (no checkpoint, every connection cut: a crash) and, after `downMs`, a start. */
  async restart(downMs = 0): Promise<void> {
    asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    this.up();
  }

  async stop(): Promise<void> {
    asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    rmSync(join(this.dataDir, '..'), { recursive: true, force: true });
  }

  private up(): void {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${join(this.dataDir, '..')} -c fsync=off -c full_page_writes=off -c max_connections=200`;
    asPostgres('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dataDir, '..', 'log'), '-w', 'start']);
  }
}

function asPostgres(program: string, args: string[]): void {
  const binary = join(binDir(), program);
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'ignore' });
  else execFileSync(binary, args, { stdio: 'ignore' });
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
