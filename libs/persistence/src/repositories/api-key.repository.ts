import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { execute, queryRows } from '../sql';
import { exactTimestamp, pageOf, type Page, type TimeKey } from './keyset';

export interface ApiKeyRow {
  id: string;
  name: string;
  tenant: string;
  scopes: string[];
  /** Only the SHA-256 of a key's secret is stored. */
  secretHash: Buffer;
  createdAt: Date;
  revokedAt: Date | null;
}

export type NewApiKey = Pick<ApiKeyRow, 'id' | 'name' | 'tenant' | 'scopes' | 'secretHash'>;

const KEY_COLUMNS = `id, name, tenant, scopes, secret_hash AS "secretHash", created_at AS "createdAt", revoked_at AS "revokedAt"`;

/** A key as lists show it: never the secret's hash; its exact created_at for the next page's cursor. */
export type ApiKeyListRow = Omit<ApiKeyRow, 'secretHash'> & { cursorAt: string };

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly database: DatabasePool) {}

  async create(key: NewApiKey): Promise<ApiKeyRow> {
    const rows = await queryRows<ApiKeyRow>(
      this.database.db,
      `INSERT INTO api_keys (id, name, tenant, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${KEY_COLUMNS}`,
      [key.id, key.name, key.tenant, key.scopes, key.secretHash],
    );
    return rows[0]!;
  }

  /**
   * insertIfAbsent — a key with this id is left as it is, so restarting with
   * the same bootstrap key neither rotates it nor brings a revoked one back.
   * Outputs: whether the key was inserted.
   */
  async insertIfAbsent(key: NewApiKey): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.database.db,
      `INSERT INTO api_keys (id, name, tenant, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [key.id, key.name, key.tenant, key.scopes, key.secretHash],
    );
    return rows.length > 0;
  }

  async findById(id: string): Promise<ApiKeyRow | null> {
    const rows = await queryRows<ApiKeyRow>(this.database.db, `SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /**
   * list — newest first, revoked ones included so operators can see what was
   * revoked when; one tenant's keys, or every key when `tenant` is absent.
   * Keyset-paged on the exact (created_at, id).
   */
  async list(query: { tenant?: string; limit: number; after?: TimeKey }): Promise<Page<ApiKeyListRow>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.tenant) where.push(`tenant = ${bind(query.tenant)}`);
    if (query.after)
      where.push(`(created_at, id) < (${bind(query.after.at)}::timestamptz, ${bind(query.after.id)}::uuid)`);
    const rows = await queryRows<ApiKeyListRow>(
      this.database.db,
      `SELECT id, name, tenant, scopes, created_at AS "createdAt", revoked_at AS "revokedAt",
              ${exactTimestamp('created_at')} AS "cursorAt"
         FROM api_keys ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC
        LIMIT ${bind(query.limit + 1)}`,
      params,
    );
    return pageOf(rows, query.limit);
  }

  /** grantScope — adds a scope to a key that lacks it (the bootstrap key gaining `operator`); a no-op otherwise. */
  async grantScope(id: string, scope: string): Promise<void> {
    await execute(
      this.database.db,
      `UPDATE api_keys SET scopes = array_append(scopes, $2) WHERE id = $1 AND NOT ($2 = ANY (scopes))`,
      [id, scope],
    );
  }

  /**
   * revoke — sets revoked_at once; revoking again keeps the first time.
   * Outputs: the key, or undefined when no key has this id.
   */
  async revoke(id: string): Promise<ApiKeyRow | undefined> {
    const rows = await queryRows<ApiKeyRow>(
      this.database.db,
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${KEY_COLUMNS}`,
      [id],
    );
    return rows[0];
  }
}
