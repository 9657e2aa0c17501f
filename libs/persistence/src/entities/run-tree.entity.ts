import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Runs and tasks created so far under one root run by its sub-workflows and forEach fan-outs. */
@Entity('run_trees')
export class RunTreeEntity {
  @PrimaryColumn('uuid', { name: 'root_run_id' }) rootRunId!: string;
  @Column('integer') runs!: number;
  @Column('integer') tasks!: number;
}
