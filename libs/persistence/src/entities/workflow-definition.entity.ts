import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('workflow_definitions')
@Unique('uq_workflow_definitions_tenant_name_version', ['tenant', 'name', 'version'])
@Index('ix_workflow_definitions_name_tenant', ['name', 'tenant'])
export class WorkflowDefinitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The owner: names and version sequences are per tenant. */
  @Column('text') tenant!: string;
  @Column('text') name!: string;
  @Column('integer') version!: number;
  @Column('text') checksum!: string;
  @Column('jsonb') definition!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
