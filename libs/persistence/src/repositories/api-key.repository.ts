import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities';
import { queryRows } from '../sql';

export type NewApiKey = Pick<ApiKeyEntity, 'id' | 'name' | 'tenant' | 'scopes' | 'secretHash'>;

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

  /** Newest first, revoked ones included so operators can see what was revoked when. */
  list(): Promise<ApiKeyEntity[]> {
    return this.repo().find({ order: { createdAt: 'DESC', id: 'DESC' } });
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
