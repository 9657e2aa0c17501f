import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tenant `tenant` lets tenant `grantee` read and run every version of its workflow `name`. */
@Entity('workflow_shares')
export class WorkflowShareEntity {
  @PrimaryColumn('text') tenant!: string;
  @PrimaryColumn('text') name!: string;
  @PrimaryColumn('text') grantee!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
