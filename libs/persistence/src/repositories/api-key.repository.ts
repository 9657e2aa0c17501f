import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities';
import { execute, queryRows } from '../sql';
import { exactTimestamp, pageOf, type Page, type TimeKey } from './keyset';

export type NewApiKey = Pick<ApiKeyEntity, 'id' | 'name' | 'tenant' | 'scopes' | 'secretHash'>;

/** A key as lists show it: never the secret's hash; its exact created_at for the next page's cursor. */
export type ApiKeyListRow = Omit<ApiKeyEntity, 'secretHash'> & { cursorAt: string };

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async create(key: NewApiKey): Promise<ApiKeyEntity> {
    const rows = await queryRows<ApiKeyEntity>(
      this.dataSource.manager,
      `INSERT INTO api_keys (id, name, tenant, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, tenant, scopes, secret_hash AS "secretHash", created_at AS "createdAt", revoked_at AS "revokedAt"`,
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
      this.dataSource.manager,
      `INSERT INTO api_keys (id, name, tenant, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [key.id, key.name, key.tenant, key.scopes, key.secretHash],
    );
    return rows.length > 0;
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.repo().findOne({ where: { id } });
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
      this.dataSource.manager,
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
      this.dataSource.manager,
      `UPDATE api_keys SET scopes = array_append(scopes, $2) WHERE id = $1 AND NOT ($2 = ANY (scopes))`,
      [id, scope],
    );
  }

  /**
   * revoke — sets revoked_at once; revoking again keeps the first time.
   * Outputs: the key, or undefined when no key has this id.
   */
  async revoke(id: string): Promise<ApiKeyEntity | undefined> {
    await this.dataSource.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [id]);
    return (await this.findById(id)) ?? undefined;
  }
}
