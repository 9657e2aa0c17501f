import { Injectable } from '@nestjs/common';
import { ACTIVE_RUN_STATUSES } from '@taskloom/engine';
import { DatabasePool } from '../database-pool';
import { execute, jsonOrJsonNull, queryRows, type Db } from '../sql';
import { pageOf, type Page } from './keyset';

/** A schedule as it is stored (DESIGN §8). */
export interface ScheduleRow {
  id: string;
  tenant: string;
  name: string;
  workflowName: string;
  workflowVersion: number | null;
  cron: string | null;
  everyMs: number | null;
  timezone: string;
  input: unknown;
  priority: string | null;
  tags: string[];
  overlap: string;
  catchUp: string;
  jitterMs: number;
  startAt: Date | null;
  endAt: Date | null;
  paused: boolean;
  anchorAt: Date;
  nextFireAt: Date | null;
  bufferedFireAt: Date | null;
  lastRunId: string | null;
  lastFiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a client sets on a schedule; the rest is the firing state. */
export type ScheduleFields = Omit<
  ScheduleRow,
  'id' | 'tenant' | 'name' | 'bufferedFireAt' | 'lastRunId' | 'lastFiredAt' | 'createdAt' | 'updatedAt'
>;

/** Firing state written after a round: the next fire time and what the round started. */
export interface ScheduleAdvance {
  nextFireAt: Date | null;
  bufferedFireAt: Date | null;
  lastRunId: string | null;
  lastFiredAt: Date | null;
}

const COLUMNS = `id, tenant, name, workflow_name AS "workflowName", workflow_version AS "workflowVersion", cron,
  every_ms::float8 AS "everyMs", timezone, input, priority, tags, overlap, catch_up AS "catchUp", jitter_ms AS "jitterMs",
  start_at AS "startAt", end_at AS "endAt", paused, anchor_at AS "anchorAt", next_fire_at AS "nextFireAt",
  buffered_fire_at AS "bufferedFireAt", last_run_id AS "lastRunId", last_fired_at AS "lastFiredAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A run a schedule started, for the schedule's view. */
export interface ScheduleRunRow {
  id: string;
  status: string;
  idempotencyKey: string;
  createdAt: Date;
}

@Injectable()
export class ScheduleRepository {
  constructor(private readonly database: DatabasePool) {}

  /** create — a new schedule; false when its tenant already has one of that name. */
  async create(id: string, tenant: string, name: string, fields: ScheduleFields): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.database.db,
      `INSERT INTO schedules (id, tenant, name, workflow_name, workflow_version, cron, every_ms, timezone, input, priority,
                              tags, overlap, catch_up, jitter_ms, start_at, end_at, paused, anchor_at, next_fire_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::text[], $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (tenant, name) DO NOTHING RETURNING id`,
      [id, tenant, name, ...fieldParams(fields)],
    );
    return rows.length > 0;
  }

  /** replace — every client field anew, the firing state reset to the new next fire time; false when absent. */
  async replace(tenant: string, name: string, fields: ScheduleFields): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.database.db,
      `UPDATE schedules SET workflow_name = $3, workflow_version = $4, cron = $5, every_ms = $6, timezone = $7,
              input = $8::jsonb, priority = $9, tags = $10::text[], overlap = $11, catch_up = $12, jitter_ms = $13,
              start_at = $14, end_at = $15, paused = $16, anchor_at = $17, next_fire_at = $18, buffered_fire_at = NULL,
              updated_at = now()
        WHERE tenant = $1 AND name = $2 RETURNING id`,
      [tenant, name, ...fieldParams(fields)],
    );
    return rows.length > 0;
  }

  async delete(tenant: string, name: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.database.db,
      'DELETE FROM schedules WHERE tenant = $1 AND name = $2 RETURNING id',
      [tenant, name],
    );
    return rows.length > 0;
  }

  async find(tenant: string, name: string, db: Db = this.database.db): Promise<ScheduleRow | null> {
    const rows = await queryRows<ScheduleRow>(db, `SELECT ${COLUMNS} FROM schedules WHERE tenant = $1 AND name = $2`, [
      tenant,
      name,
    ]);
    return rows[0] ?? null;
  }

  /** A page of a tenant's schedules in name order, after the name of the previous page's last one. */
  async list(tenant: string, limit: number, afterName?: string): Promise<Page<ScheduleRow>> {
    const rows = await queryRows<ScheduleRow>(
      this.database.db,
      `SELECT ${COLUMNS} FROM schedules WHERE tenant = $1 AND ($2::text IS NULL OR name COLLATE "C" > $2 COLLATE "C")
        ORDER BY name COLLATE "C" LIMIT $3`,
      [tenant, afterName ?? null, limit + 1],
    );
    return pageOf(rows, limit);
  }

  /** setPaused — pausing keeps next_fire_at; resuming sets it anew (missed fire times go to catchUp). */
  async setPaused(tenant: string, name: string, paused: boolean, nextFireAt?: Date | null): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.database.db,
      `UPDATE schedules SET paused = $3, next_fire_at = CASE WHEN $4::bool THEN $5 ELSE next_fire_at END, updated_at = now()
        WHERE tenant = $1 AND name = $2 RETURNING id`,
      [tenant, name, paused, nextFireAt !== undefined, nextFireAt ?? null],
    );
    return rows.length > 0;
  }

  /**
   * claimDue — schedules not paused with a fire time due, or with a
   * buffered fire time whose active run has ended; locked until the
   * transaction ends, rows another router holds skipped. Outputs: the rows,
   * earliest fire time first.
   */
  async claimDue(db: Db, limit: number): Promise<ScheduleRow[]> {
    return queryRows<ScheduleRow>(
      db,
      `SELECT ${COLUMNS} FROM schedules
        WHERE id IN (SELECT id FROM schedules WHERE NOT paused AND next_fire_at <= now()
                     UNION
                     SELECT s.id FROM schedules s WHERE NOT s.paused AND s.buffered_fire_at IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = s.last_run_id AND r.status = ANY($2::text[])))
        ORDER BY next_fire_at NULLS LAST LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit, ACTIVE_RUN_STATUSES],
    );
  }

  /**
   * nextDueInMs — milliseconds from now (the database's clock) until the
   * earliest fire time of a schedule not paused; null when none has one. A
   * buffered fire time is due when its run ends, which a trigger announces.
   */
  async nextDueInMs(): Promise<number | null> {
    const rows = await queryRows<{ in_ms: number | null }>(
      this.database.db,
      `SELECT extract(epoch FROM min(next_fire_at) - now())::float8 * 1000 AS in_ms FROM schedules WHERE NOT paused`,
    );
    return rows[0]?.in_ms ?? null;
  }

  async advance(db: Db, id: string, state: ScheduleAdvance): Promise<void> {
    await execute(
      db,
      `UPDATE schedules SET next_fire_at = $2, buffered_fire_at = $3, last_run_id = $4, last_fired_at = $5
        WHERE id = $1`,
      [id, state.nextFireAt, state.bufferedFireAt, state.lastRunId, state.lastFiredAt],
    );
  }

  /** Whether the run has not ended yet (overlap decisions). */
  async isRunActive(db: Db, runId: string): Promise<boolean> {
    const rows = await queryRows<{ active: boolean }>(
      db,
      'SELECT status = ANY($2::text[]) AS active FROM runs WHERE id = $1',
      [runId, ACTIVE_RUN_STATUSES],
    );
    return rows[0]?.active ?? false;
  }

  /** The latest runs the schedule started (their idempotency keys name it), newest first. */
  async lastRuns(
    schedule: Pick<ScheduleRow, 'id' | 'tenant' | 'workflowName'>,
    limit: number,
  ): Promise<ScheduleRunRow[]> {
    return queryRows<ScheduleRunRow>(
      this.database.db,
      `SELECT id, status, idempotency_key AS "idempotencyKey", created_at AS "createdAt" FROM runs
        WHERE tenant = $1 AND workflow_name = $2 AND starts_with(idempotency_key, $3)
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [schedule.tenant, schedule.workflowName, `schedule:${schedule.id}:`, limit],
    );
  }
}

function fieldParams(fields: ScheduleFields): unknown[] {
  return [
    fields.workflowName,
    fields.workflowVersion,
    fields.cron,
    fields.everyMs,
    fields.timezone,
    jsonOrJsonNull(fields.input),
    fields.priority,
    fields.tags,
    fields.overlap,
    fields.catchUp,
    fields.jitterMs,
    fields.startAt,
    fields.endAt,
    fields.paused,
    fields.anchorAt,
    fields.nextFireAt,
  ];
}
