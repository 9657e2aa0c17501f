import { Injectable } from '@nestjs/common';
import type { WorkflowDefinition } from '@taskloom/engine';
import { DatabasePool } from '../database-pool';
import { execute, queryRows, type Db } from '../sql';
import { pageOf, type Page } from './keyset';

export interface WorkflowSummary {
  name: string;
  /** The tenant that owns the workflow: the caller's own, or one that shared it with the caller. */
  owner: string;
  latestVersion: number;
  description: string | null;
  updatedAt: Date;
}

export interface WorkflowDefinitionRow {
  id: string;
  tenant: string;
  name: string;
  version: number;
  checksum: string;
  definition: WorkflowDefinition;
  createdAt: Date;
}

/** A workflow named by a tenant: a given version or the latest, optionally of a given owner. */
export interface WorkflowRef {
  tenant: string;
  name: string;
  version?: number;
  owner?: string;
}

/**
 * What a name means to a tenant (ADR 0014): its own workflow of that name
 * when it has one, else the one another tenant shared with it under that
 * name. `owner` null: nothing of that name is visible. `ambiguous`: no own
 * workflow and several owners share one of that name, so the caller must
 * say which. `id` null with an owner: that owner has no such version.
 */
export interface ResolvedWorkflow {
  id: string | null;
  owner: string | null;
  ambiguous: boolean;
  /**
   * The workflow catalog's generation the answer was read at (ADR 0039): a
   * run started from it later may be inserted only while it is unchanged.
   * Null when nothing of the name is visible.
   */
  generation: string | null;
}

const ROW_COLUMNS = `id, tenant, name, version, checksum, definition, created_at AS "createdAt"`;

/** Owned by the tenant in `$tenant`, or shared with it: the whole visibility rule. */
function visibleTo(tenant: string): string {
  return `(d.tenant = ${tenant} OR EXISTS (SELECT 1 FROM workflow_shares s
            WHERE s.tenant = d.tenant AND s.name = d.name AND s.grantee = ${tenant}))`;
}

@Injectable()
export class WorkflowDefinitionRepository {
  constructor(private readonly database: DatabasePool) {}

  async findById(id: string, db: Db = this.database.db): Promise<WorkflowDefinitionRow | null> {
    const rows = await queryRows<WorkflowDefinitionRow>(
      db,
      `SELECT ${ROW_COLUMNS} FROM workflow_definitions WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * resolveIds — what each reference names (see ResolvedWorkflow), in one
   * query for a whole batch of run starts. The owner is chosen by name
   * alone (own first, then the shares to the tenant: both index probes),
   * then the version within that owner's sequence. Reads ids only: plans
   * are cached by id.
   */
  async resolveIds(refs: readonly WorkflowRef[], db: Db = this.database.db): Promise<ResolvedWorkflow[]> {
    if (refs.length === 0) return [];
    const rows = await queryRows<{ i: string; owner: string; owners: string; id: string | null; generation: string }>(
      db,
      `SELECT q.i, w.owner, w.owners, v.id, (SELECT generation FROM workflow_catalog) AS generation
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS q(name, version, tenant, owner, i)
         CROSS JOIN LATERAL (
           SELECT c.owner, count(*) OVER () AS owners
             FROM (SELECT q.tenant AS owner, 0 AS rank
                    WHERE (q.owner IS NULL OR q.owner = q.tenant)
                      AND EXISTS (SELECT 1 FROM workflow_definitions d WHERE d.tenant = q.tenant AND d.name = q.name)
                   UNION ALL
                   SELECT s.tenant, 1 FROM workflow_shares s
                    WHERE s.grantee = q.tenant AND s.name = q.name AND (q.owner IS NULL OR s.tenant = q.owner)
                      AND EXISTS (SELECT 1 FROM workflow_definitions d WHERE d.tenant = s.tenant AND d.name = s.name)) c
            ORDER BY c.rank, c.owner
            LIMIT 1) w
         LEFT JOIN LATERAL (
           SELECT d.id FROM workflow_definitions d
            WHERE d.tenant = w.owner AND d.name = q.name AND (q.version IS NULL OR d.version = q.version)
            ORDER BY d.version DESC
            LIMIT 1) v ON true`,
      [
        refs.map((ref) => ref.name),
        refs.map((ref) => ref.version ?? null),
        refs.map((ref) => ref.tenant),
        refs.map((ref) => ref.owner ?? null),
      ],
    );
    const byIndex = new Map(rows.map((row) => [Number(row.i), row]));
    return refs.map((ref, index) => {
      const row = byIndex.get(index + 1);
      if (!row) return { id: null, owner: null, ambiguous: false, generation: null };
      const ambiguous = row.owner !== ref.tenant && Number(row.owners) > 1;
      return ambiguous
        ? { id: null, owner: null, ambiguous, generation: row.generation }
        : { id: row.id, owner: row.owner, ambiguous, generation: row.generation };
    });
  }

  async resolve(ref: WorkflowRef, db?: Db): Promise<ResolvedWorkflow> {
    return (await this.resolveIds([ref], db))[0]!;
  }

  async findRow(id: string): Promise<WorkflowDefinitionRow | undefined> {
    const rows = await queryRows<WorkflowDefinitionRow>(
      this.database.db,
      `SELECT ${ROW_COLUMNS} FROM workflow_definitions WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Every version of the owner's workflow, oldest first, without the documents. */
  listVersions(owner: string, name: string): Promise<Omit<WorkflowDefinitionRow, 'definition'>[]> {
    return queryRows(
      this.database.db,
      `SELECT id, tenant, name, version, checksum, created_at AS "createdAt"
         FROM workflow_definitions WHERE tenant = $1 AND name = $2 ORDER BY version`,
      [owner, name],
    );
  }

  /**
   * listVisible — the latest version of every workflow the tenant owns or
   * was shared, ordered by (name, owner), which is unique: a keyset page
   * after `after` never skips or repeats one.
   */
  async listVisible(
    tenant: string,
    limit: number,
    after?: { name: string; owner: string },
  ): Promise<Page<WorkflowSummary>> {
    const params: unknown[] = [tenant, limit + 1];
    const continueAfter = after ? `AND (d.name, d.tenant) > ($3, $4)` : '';
    if (after) params.push(after.name, after.owner);
    const rows = await queryRows<{
      name: string;
      tenant: string;
      version: number;
      description: string | null;
      created_at: Date;
    }>(
      this.database.db,
      `SELECT DISTINCT ON (d.name, d.tenant) d.name, d.tenant, d.version, d.definition->>'description' AS description,
              d.created_at
         FROM workflow_definitions d
        WHERE ${visibleTo('$1')} ${continueAfter}
        ORDER BY d.name, d.tenant, d.version DESC
        LIMIT $2`,
      params,
    );
    return pageOf(
      rows.map((row) => ({
        name: row.name,
        owner: row.tenant,
        latestVersion: row.version,
        description: row.description,
        updatedAt: row.created_at,
      })),
      limit,
    );
  }

  /**
   * registerVersion — inputs: name, checksum, definition, owning tenant.
   * Serialised per (tenant, name) by a transaction-scoped advisory lock, so
   * two concurrent registrations cannot both take version n+1. Outputs: the
   * tenant's latest row when its checksum matches (created=false), otherwise
   * the newly inserted version n+1 (created=true).
   */
  async registerVersion(
    db: Db,
    name: string,
    checksum: string,
    definition: WorkflowDefinition,
    tenant = 'default',
  ): Promise<{ definition: WorkflowDefinitionRow; created: boolean }> {
    await execute(db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`workflow:${tenant}:${name}`]);
    const [latest] = await queryRows<WorkflowDefinitionRow>(
      db,
      `SELECT ${ROW_COLUMNS} FROM workflow_definitions WHERE tenant = $1 AND name = $2 ORDER BY version DESC LIMIT 1`,
      [tenant, name],
    );
    if (latest && latest.checksum === checksum) return { definition: latest, created: false };
    const [created] = await queryRows<WorkflowDefinitionRow>(
      db,
      `INSERT INTO workflow_definitions (tenant, name, version, checksum, definition) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${ROW_COLUMNS}`,
      [tenant, name, (latest?.version ?? 0) + 1, checksum, definition],
    );
    return { definition: created!, created: true };
  }
}
