import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Only the SHA-256 of a key's secret is stored; the plaintext is shown once, when the key is created. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') tenant!: string;
  @Column('text', { array: true }) scopes!: string[];
  @Column('bytea', { name: 'secret_hash' }) secretHash!: Buffer;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
