import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskTypeEntity } from '../entities';
import { jsonArray } from '../sql';

export type TaskTypeRecord = Omit<TaskTypeEntity, 'updatedAt'>;

@Injectable()
export class TaskTypeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Executors publish what their plugins declare; the latest executor to start wins for a type. */
  async upsert(records: readonly TaskTypeRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO task_types (type, plugin, plugin_version, description, input_schema, output_schema, resources,
                               retry, isolation, batch, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[],
                                   $7::jsonb[], $8::jsonb[], $9::text[], $10::jsonb[])
       ON CONFLICT (type) DO UPDATE SET plugin = excluded.plugin, plugin_version = excluded.plugin_version,
         description = excluded.description, input_schema = excluded.input_schema,
         output_schema = excluded.output_schema, resources = excluded.resources, retry = excluded.retry,
         isolation = excluded.isolation, batch = excluded.batch, updated_at = excluded.updated_at`,
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
      ],
    );
  }

  list(): Promise<TaskTypeEntity[]> {
    return this.dataSource.getRepository(TaskTypeEntity).find({ order: { type: 'ASC' } });
  }
}
