import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { execute, jsonArray, queryRows, type Db } from '../sql';

/** What an executor's plugins declare about one task type. */
export interface TaskTypeRecord {
  type: string;
  plugin: string;
  pluginVersion: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  resources: Record<string, unknown>;
  retry: Record<string, unknown> | null;
  isolation: string;
  batch: Record<string, unknown> | null;
  /** The type's default rate limit (ADR 0026): {limit, periodMs, key?}. */
  rateLimit: Record<string, unknown> | null;
}

export interface TaskTypeRow extends TaskTypeRecord {
  updatedAt: Date;
}

@Injectable()
export class TaskTypeRepository {
  constructor(private readonly database: DatabasePool) {}

  /** Executors publish what their plugins declare; the latest executor to start wins for a type. */
  async upsert(records: readonly TaskTypeRecord[]): Promise<void> {
    if (records.length === 0) return;
    await execute(
      this.database.db,
      `INSERT INTO task_types (type, plugin, plugin_version, description, input_schema, output_schema, resources,
                               retry, isolation, batch, rate_limit, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[],
                                   $7::jsonb[], $8::jsonb[], $9::text[], $10::jsonb[], $11::jsonb[])
       ON CONFLICT (type) DO UPDATE SET plugin = excluded.plugin, plugin_version = excluded.plugin_version,
         description = excluded.description, input_schema = excluded.input_schema,
         output_schema = excluded.output_schema, resources = excluded.resources, retry = excluded.retry,
         isolation = excluded.isolation, batch = excluded.batch, rate_limit = excluded.rate_limit,
         updated_at = excluded.updated_at`,
      [
        records.map((r) => r.type),
        records.map((r) => r.plugin),
        records.map((r) => r.pluginVersion),
        records.map((r) => r.description),
        jsonArray(records.map((r) => r.inputSchema)),
        jsonArray(records.map((r) => r.outputSchema)),
        jsonArray(records.map((r) => r.resources)),
        jsonArray(records.map((r) => r.retry)),
        records.map((r) => r.isolation),
        jsonArray(records.map((r) => r.batch)),
        jsonArray(records.map((r) => r.rateLimit)),
      ],
    );
  }

  list(): Promise<TaskTypeRow[]> {
    return queryRows<TaskTypeRow>(
      this.database.db,
      `SELECT type, plugin, plugin_version AS "pluginVersion", description, input_schema AS "inputSchema",
              output_schema AS "outputSchema", resources, retry, isolation, batch, rate_limit AS "rateLimit",
              updated_at AS "updatedAt"
         FROM task_types ORDER BY type`,
    );
  }

  /** The types that declare a default rate limit, with it (ADR 0026). */
  /** The default rate limits executors published (validated by the SDK before they were written). */
  rateDefaults(db: Db = this.database.db): Promise<{ type: string; rateLimit: StoredRateLimit }[]> {
    return queryRows(db, `SELECT type, rate_limit AS "rateLimit" FROM task_types WHERE rate_limit IS NOT NULL`);
  }
}

/** A task type's default rate limit as stored in `task_types.rate_limit`. */
export interface StoredRateLimit {
  limit: number;
  periodMs: number;
  key?: string;
}
