import { Client } from 'pg';
import { execute, type Db } from './sql';

/** PostgreSQL channel on which "tasks became ready" is announced; delivered on commit. */
export const READY_CHANNEL = 'taskloom_ready';
/** Channel on which "a sub-workflow run is waiting to be created" is announced (SubRunQueueRepository). */
export const SUB_RUN_CHANNEL = 'taskloom_sub_runs';

export async function notifyReady(db: Db): Promise<void> {
  await execute(db, `SELECT pg_notify('${READY_CHANNEL}', '')`);
}

/**
 * Wraps a data-modifying statement (`… RETURNING …`) so that it also sends
 * the ready signal when it changed any row: the signal costs no round trip
 * of its own. The wrapped statement answers one row, `changed`.
 */
export function signalReady(statement: string): string {
  return `WITH changed AS (${statement})
          SELECT count(*)::int AS changed, (SELECT pg_notify('${READY_CHANNEL}', '') FROM changed LIMIT 1) AS signalled FROM changed`;
}

/**
 * A dedicated connection that LISTENs for ready notifications. It is a hint,
 * not a guarantee (notifications are lost while disconnected), so callers
 * also poll; on a dropped connection it reconnects with a delay.
 */
export class ReadyListener {
  private client: Client | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onReady: () => void,
    private readonly onError: (error: Error) => void,
    private readonly channel: string = READY_CHANNEL,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'taskloom-listener' });
    client.on('notification', () => this.onReady());
    client.on('error', (error) => {
      this.onError(error);
      this.scheduleReconnect();
    });
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    // Whatever became ready while we were not listening is found by this wake-up.
    this.onReady();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.client = undefined;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.start().catch((error: Error) => {
        this.onError(error);
        this.scheduleReconnect();
      });
    }, 1_000);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }
}
