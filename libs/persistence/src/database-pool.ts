import type { OnApplicationShutdown } from '@nestjs/common';
import { Client, Pool, type PoolClient } from 'pg';
import type { Db } from './sql';

export interface PersistenceOptions {
  url: string;
  poolSize: number;
  applicationName: string;
}

/** How busy the pool is, for the metrics scrape. */
export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/**
 * The process's connections to PostgreSQL: one node-postgres Pool of the
 * library's own (ADR 0008). Every repository statement and every
 * transaction goes through it; TypeORM opens its own short-lived
 * connections only to run migrations.
 */
export class DatabasePool implements OnApplicationShutdown {
  private readonly pool: Pool;
  private closed = false;

  constructor(private readonly options: PersistenceOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize,
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName,
    });
    // A connection the server drops (a restart, a failover) must not crash the process: an idle one
    // is replaced by the pool, one in use fails its statement, and the pool discards it on release.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /** Statements outside a transaction: each goes to any free connection. */
  get db(): Db {
    return this.pool;
  }

  /** A connection of its own, for a transaction; the caller releases it. */
  connect(): Promise<PoolClient> {
    return this.pool.connect();
  }

  /**
   * Cancels the statement running on the connection whose backend is
   * `backendPid`, from a connection of its own: the pool itself may be
   * closing (shutdown hooks run side by side) or have none free.
   */
  async cancelStatement(backendPid: number): Promise<void> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('SELECT pg_cancel_backend($1)', [backendPid]);
    } finally {
      await client.end();
    }
  }

  /** Rows of one ad hoc statement (tests, tools): the repositories go through `db`. */
  async query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T & object>(text, params)).rows;
  }

  /** One round trip on a pooled connection: the readiness probe's check. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  usage(): PoolUsage {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
      max: this.pool.options.max ?? 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
