import { Injectable } from '@nestjs/common';
import type { EventTrigger } from '@taskloom/engine';
import { DatabasePool } from '../database-pool';
import { execute, jsonOrJsonNull, queryRows } from '../sql';

/** A run an event started. */
export interface EventRun {
  workflow: string;
  version: number;
  runId: string;
}

export interface EventRecord {
  id: string;
  /** Null while its runs are still to be started (a request that did not finish). */
  runs: EventRun[] | null;
  /** False when the tenant's idempotency key matched an earlier event, which this is. */
  created: boolean;
}

/** A workflow's latest version that listens to an event. */
export interface EventListener {
  name: string;
  version: number;
  on: EventTrigger[];
}

@Injectable()
export class EventRepository {
  constructor(private readonly database: DatabasePool) {}

  /** record — the event, or the earlier one with the same idempotency key of the tenant. */
  async record(
    id: string,
    event: { tenant: string; name: string; payload: unknown; idempotencyKey: string | null },
  ): Promise<EventRecord> {
    const inserted = await queryRows<{ id: string }>(
      this.database.db,
      `INSERT INTO events (id, tenant, name, payload, idempotency_key) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id`,
      [id, event.tenant, event.name, jsonOrJsonNull(event.payload), event.idempotencyKey],
    );
    if (inserted.length > 0) return { id, runs: null, created: true };
    const [earlier] = await queryRows<{ id: string; runs: EventRun[] | null }>(
      this.database.db,
      'SELECT id, runs FROM events WHERE tenant = $1 AND idempotency_key = $2',
      [event.tenant, event.idempotencyKey],
    );
    return { id: earlier!.id, runs: earlier!.runs, created: false };
  }

  async setRuns(id: string, runs: readonly EventRun[]): Promise<void> {
    await execute(this.database.db, 'UPDATE events SET runs = $2::jsonb WHERE id = $1', [id, JSON.stringify(runs)]);
  }

  /** The latest version of each of the tenant's workflows whose `on` names the event. */
  async listeners(tenant: string, event: string): Promise<EventListener[]> {
    return queryRows<EventListener>(
      this.database.db,
      `SELECT name, version, definition->'on' AS on
         FROM (SELECT DISTINCT ON (name) name, version, definition FROM workflow_definitions
                WHERE tenant = $1 ORDER BY name, version DESC) latest
        WHERE definition->'on' @> jsonb_build_array(jsonb_build_object('event', $2::text))
        ORDER BY name`,
      [tenant, event],
    );
  }
}
