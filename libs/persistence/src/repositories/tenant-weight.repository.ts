import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';

/** The weight a tenant is given in the claim's fair share (ADR 0022); a tenant without a row weighs 1. */
@Injectable()
export class TenantWeightRepository {
  constructor(private readonly database: DatabasePool) {}

  async set(tenant: string, weight: number): Promise<void> {
    await queryRows(
      this.database.db,
      `INSERT INTO tenant_weights (tenant, weight) VALUES ($1, $2)
       ON CONFLICT (tenant) DO UPDATE SET weight = EXCLUDED.weight, updated_at = now()`,
      [tenant, weight],
    );
  }

  async get(tenant: string): Promise<number> {
    const rows = await queryRows<{ weight: number }>(
      this.database.db,
      `SELECT weight FROM tenant_weights WHERE tenant = $1`,
      [tenant],
    );
    return rows[0]?.weight ?? 1;
  }
}
