import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's weight in the claim's fair share (ADR 0022); a tenant without a row weighs 1. */
@Entity('tenant_weights')
export class TenantWeightEntity {
  @PrimaryColumn('text') tenant!: string;
  @Column('integer') weight!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
