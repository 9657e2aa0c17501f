import { Client } from 'pg';
import { execute, type Db } from './sql';

/** PostgreSQL channel on which "tasks became ready" is announced; delivered on commit. */
export const READY_CHANNEL = 'taskloom_ready';
/** Channel on which "a sub-workflow run is waiting to be created" is announced (SubRunQueueRepository). */
export const SUB_RUN_CHANNEL = 'taskloom_sub_runs';
/**
 * Channels on which triggers announce that a due time may have come closer
 * (migration 1765070000000, ADR 0028): a wait began, a task with a queue
 * timeout became available or a signal was kept; a schedule was created,
 * resumed or brought forward, or a schedule's run ended; a run was started
 * for later.
 */
export const WAIT_CHANNEL = 'taskloom_waits';
export const SCHEDULE_CHANNEL = 'taskloom_schedules';
export const DELAYED_RUN_CHANNEL = 'taskloom_delayed_runs';

/** How long a dropped listener waits before it connects again. */
const RECONNECT_AFTER_MS = 1_000;

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
 * One dedicated connection that LISTENs on every channel a process's loops
 * follow, so a router holds one listening connection however many loops it
 * runs. A notification is a hint, not a guarantee (notifications sent while
 * disconnected are lost), so every subscriber also polls, and each is called
 * once the connection is (re)established: what changed while nobody listened
 * is found by that round. A dropped connection is reopened after a delay.
 */
export class NotificationListener {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly subscribers = new Map<string, Set<() => void>>();

  constructor(
    private readonly url: string,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Calls `onNotice` on every notification on `channel`, and once now that it listens. */
  async listen(channel: string, onNotice: () => void): Promise<void> {
    let callbacks = this.subscribers.get(channel);
    const first = !callbacks;
    if (!callbacks) this.subscribers.set(channel, (callbacks = new Set()));
    callbacks.add(onNotice);
    await this.connected();
    if (first && this.client) await this.client.query(`LISTEN ${channel}`);
    onNotice();
  }

  private connected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'taskloom-listener' });
    client.on('notification', (message) => {
      for (const onNotice of this.subscribers.get(message.channel) ?? []) onNotice();
    });
    client.on('error', (error) => {
      this.onError(error);
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private scheduleReconnect(client: Client): void {
    if (this.client !== client && this.client !== undefined) return;
    this.client = undefined;
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connected().then(
        // Whatever was announced while nobody listened is found by the rounds these start.
        () => {
          for (const callbacks of this.subscribers.values()) for (const onNotice of callbacks) onNotice();
        },
        (error: Error) => {
          this.onError(error);
          this.scheduleReconnect(client);
        },
      );
    }, RECONNECT_AFTER_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }
}
