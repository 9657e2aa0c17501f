import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row: the workflow catalog's generation, raised by triggers with every
 * change to workflow_definitions or workflow_shares. A run started from a
 * cached resolution is inserted only while it is unchanged (ADR 0039).
 */
@Entity('workflow_catalog')
export class WorkflowCatalogEntity {
  @PrimaryColumn('boolean') singleton!: boolean;
  @Column('bigint') generation!: string;
}
