import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkflowDefinitionEntity } from '../entities';
import { queryRows, type Db } from '../sql';

export interface WorkflowSummary {
  name: string;
  latestVersion: number;
  description: string | null;
  updatedAt: Date;
}

@Injectable()
export class WorkflowDefinitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(db: Db = this.dataSource.manager) {
    return db.getRepository(WorkflowDefinitionEntity);
  }

  findById(id: string, db?: Db): Promise<WorkflowDefinitionEntity | null> {
    return this.repo(db).findOne({ where: { id } });
  }

  findLatest(name: string, db?: Db): Promise<WorkflowDefinitionEntity | null> {
    return this.repo(db).findOne({ where: { name }, order: { version: 'DESC' } });
  }

  findVersion(name: string, version: number, db?: Db): Promise<WorkflowDefinitionEntity | null> {
    return this.repo(db).findOne({ where: { name, version } });
  }

  /**
   * The definition id each reference names — a given version, or the latest
   * when the version is absent — in one query for a whole batch of run
   * starts; null where no such definition exists. Reads ids only: plans are
   * cached by id, so the definition document is not fetched again.
   */
  async resolveIds(refs: readonly { name: string; version?: number }[]): Promise<(string | null)[]> {
    if (refs.length === 0) return [];
    const rows = await queryRows<{ i: string; id: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT ON (q.i) q.i, d.id
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS q(name, version, i)
         JOIN workflow_definitions d ON d.name = q.name AND (q.version IS NULL OR d.version = q.version)
        ORDER BY q.i, d.version DESC`,
      [refs.map((ref) => ref.name), refs.map((ref) => ref.version ?? null)],
    );
    const ids = new Map(rows.map((row) => [Number(row.i), row.id]));
    return refs.map((_, index) => ids.get(index + 1) ?? null);
  }

  listVersions(name: string): Promise<WorkflowDefinitionEntity[]> {
    return this.repo().find({ where: { name }, order: { version: 'ASC' } });
  }

  async listLatest(): Promise<WorkflowSummary[]> {
    const rows = await queryRows<{ name: string; version: number; description: string | null; created_at: Date }>(
      this.dataSource.manager,
      `SELECT DISTINCT ON (name) name, version, definition->>'description' AS description, created_at
         FROM workflow_definitions ORDER BY name, version DESC`,
    );
    return rows.map((row) => ({
      name: row.name,
      latestVersion: row.version,
      description: row.description,
      updatedAt: row.created_at,
    }));
  }

  /**
   * registerVersion — inputs: name, checksum, definition.
   * Serialised per name by a transaction-scoped advisory lock, so two
   * concurrent registrations of the same name cannot both take version n+1.
   * Outputs: the latest row when its checksum matches (created=false),
   * otherwise the newly inserted version n+1 (created=true).
   */
  async registerVersion(
    db: Db,
    name: string,
    checksum: string,
    definition: Record<string, unknown>,
  ): Promise<{ definition: WorkflowDefinitionEntity; created: boolean }> {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`workflow:${name}`]);
    const latest = await this.findLatest(name, db);
    if (latest && latest.checksum === checksum) return { definition: latest, created: false };
    const created = await this.repo(db).save(
      this.repo(db).create({ name, checksum, definition, version: (latest?.version ?? 0) + 1 }),
    );
    return { definition: created, created: true };
  }
}
