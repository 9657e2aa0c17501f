import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('task_types')
export class TaskTypeEntity {
  @PrimaryColumn('text') type!: string;
  @Column('text') plugin!: string;
  @Column('text', { name: 'plugin_version' }) pluginVersion!: string;
  @Column('text') description!: string;
  @Column('jsonb', { name: 'input_schema' }) inputSchema!: Record<string, unknown>;
  @Column('jsonb', { name: 'output_schema' }) outputSchema!: Record<string, unknown>;
  @Column('jsonb') resources!: Record<string, unknown>;
  @Column('jsonb', { nullable: true }) retry!: Record<string, unknown> | null;
  @Column('text') isolation!: string;
  @Column('jsonb', { nullable: true }) batch!: Record<string, unknown> | null;
  /** The type's default rate limit (ADR 0026), for its tasks without their own. */
  @Column('jsonb', { name: 'rate_limit', nullable: true }) rateLimit!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
