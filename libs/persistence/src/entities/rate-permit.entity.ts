import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One dispatch of a rate-limited task (ADR 0026): counted against its bucket until it expires, a period after. */
@Entity('rate_permits')
export class RatePermitEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('text') key!: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
}
