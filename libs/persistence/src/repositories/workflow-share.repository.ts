import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';

export interface WorkflowShareRow {
  tenant: string;
  name: string;
  grantee: string;
  createdAt: Date;
}

const COLUMNS = `tenant, name, grantee, created_at AS "createdAt"`;

/** Which other tenants may read and run a tenant's workflow (every version of the name, never register one). */
@Injectable()
export class WorkflowShareRepository {
  constructor(private readonly database: DatabasePool) {}

  /** share — idempotent: sharing again keeps the first row. Outputs: the share, and whether this call made it. */
  async share(tenant: string, name: string, grantee: string): Promise<{ share: WorkflowShareRow; created: boolean }> {
    const inserted = await queryRows<WorkflowShareRow>(
      this.database.db,
      `INSERT INTO workflow_shares (tenant, name, grantee) VALUES ($1, $2, $3)
       ON CONFLICT (tenant, name, grantee) DO NOTHING RETURNING ${COLUMNS}`,
      [tenant, name, grantee],
    );
    if (inserted[0]) return { share: inserted[0], created: true };
    const [existing] = await queryRows<WorkflowShareRow>(
      this.database.db,
      `SELECT ${COLUMNS} FROM workflow_shares WHERE tenant = $1 AND name = $2 AND grantee = $3`,
      [tenant, name, grantee],
    );
    return { share: existing!, created: false };
  }

  /** unshare — Outputs: whether there was such a share. */
  async unshare(tenant: string, name: string, grantee: string): Promise<boolean> {
    const deleted = await queryRows<{ grantee: string }>(
      this.database.db,
      `DELETE FROM workflow_shares WHERE tenant = $1 AND name = $2 AND grantee = $3 RETURNING grantee`,
      [tenant, name, grantee],
    );
    return deleted.length > 0;
  }

  list(tenant: string, name: string): Promise<WorkflowShareRow[]> {
    return queryRows<WorkflowShareRow>(
      this.database.db,
      `SELECT ${COLUMNS} FROM workflow_shares WHERE tenant = $1 AND name = $2 ORDER BY grantee`,
      [tenant, name],
    );
  }
}
