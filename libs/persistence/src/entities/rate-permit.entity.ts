import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One dispatch of a rate-limited task (ADR 0026): counted while younger than its bucket's period. */
@Entity('rate_permits')
export class RatePermitEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('text') key!: string;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt!: Date;
}
