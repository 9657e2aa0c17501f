import { randomUUID } from 'node:crypto';
import {
  DELAYED_RUN_CHANNEL,
  NotificationListener,
  RunRepository,
  SCHEDULE_CHANNEL,
  ScheduleRepository,
  TaskWaitRepository,
  WAIT_CHANNEL,
} from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

const HOUR = 3_600_000;
/** Notifications arrive on commit; one not heard within this, far more than that takes, was not sent. */
const DELIVERY_MS = 3_000;
/**
 * How long a notification that must come is waited for. The wait ends as soon as it is heard, so this can
 * cover a reconnection's fixed delay on a busy machine at no cost to a passing run.
 */
const HEARD_WITHIN_MS = 20_000;

/**
 * What wakes the routers' due-time loops (ADR 0028) on a real PostgreSQL:
 * the triggers announce a wait, a run started for later and a new schedule
 * on their channels through one listening connection, and each loop's
 * next-due read gives the time its timer is armed for.
 */
describe('due-time notifications', () => {
  let harness: OrchestratorHarness;
  let listener: NotificationListener;
  const heard = new Map<string, number>();
  const listenerErrors: Error[] = [];

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('int-due-notifications');
    await harness.define({
      name: 'nap',
      tasks: [{ key: 'nap', sleep: { durationMs: HOUR } }],
    });
    await harness.define({ name: 'plain', tasks: [{ key: 'a', type: 'core.noop' }] });
    listener = new NotificationListener(harness.config.database.url, (error) => listenerErrors.push(error));
    for (const channel of [WAIT_CHANNEL, SCHEDULE_CHANNEL, DELAYED_RUN_CHANNEL])
      await listener.listen(channel, () => heard.set(channel, (heard.get(channel) ?? 0) + 1));
  });

  afterAll(async () => {
    await listener?.close();
    await harness?.close();
  });

  /** Resolves once `channel` has been heard more often than `before`; false after `withinMs`. */
  async function heardAfter(channel: string, before: number, withinMs = HEARD_WITHIN_MS): Promise<boolean> {
    const until = Date.now() + withinMs;
    while (Date.now() < until) {
      if ((heard.get(channel) ?? 0) > before) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  const start = (workflow: string, startAt?: Date) =>
    harness.starter.start({ workflow, input: {}, tenant: 'default', startAt });

  it('a run without waits or delay announces nothing on the due-time channels', async () => {
    const before = new Map(heard);
    await start('plain');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual(before);
  });

  it('a task that starts sleeping is announced, and the wait loop reads its due time', async () => {
    const before = heard.get(WAIT_CHANNEL) ?? 0;
    await start('nap');
    expect(await heardAfter(WAIT_CHANNEL, before)).toBe(true);
    const dueInMs = await harness.module.get(TaskWaitRepository).nextDueInMs();
    expect(dueInMs).toBeGreaterThan(HOUR - 60_000);
    expect(dueInMs).toBeLessThanOrEqual(HOUR);
  });

  it('a run started for later is announced, and the delayed-run loop reads its start time', async () => {
    const before = heard.get(DELAYED_RUN_CHANNEL) ?? 0;
    const startAt = new Date(Date.now() + 2 * HOUR);
    expect((await start('plain', startAt)).status).toBe('scheduled');
    expect(await heardAfter(DELAYED_RUN_CHANNEL, before)).toBe(true);
    const startInMs = await harness.module.get(RunRepository).nextStartInMs();
    expect(startInMs).toBeGreaterThan(2 * HOUR - 60_000);
    expect(startInMs).toBeLessThanOrEqual(2 * HOUR);
  });

  it('a new schedule is announced, and a later fire time is not', async () => {
    const schedules = harness.module.get(ScheduleRepository);
    expect(await schedules.nextDueInMs()).toBeNull();
    const before = heard.get(SCHEDULE_CHANNEL) ?? 0;
    const id = randomUUID();
    const nextFireAt = new Date(Date.now() + HOUR);
    await schedules.create(id, 'default', 'hourly', {
      workflowName: 'plain',
      workflowVersion: null,
      cron: null,
      everyMs: HOUR,
      timezone: 'UTC',
      input: {},
      priority: null,
      tags: [],
      overlap: 'skip',
      catchUp: 'latest',
      jitterMs: 0,
      startAt: null,
      endAt: null,
      paused: false,
      anchorAt: nextFireAt,
      nextFireAt,
    });
    expect(await heardAfter(SCHEDULE_CHANNEL, before)).toBe(true);
    const dueInMs = await schedules.nextDueInMs();
    expect(dueInMs).toBeGreaterThan(HOUR - 60_000);
    expect(dueInMs).toBeLessThanOrEqual(HOUR);

    const afterCreate = heard.get(SCHEDULE_CHANNEL) ?? 0;
    await harness.database.query(`UPDATE schedules SET next_fire_at = next_fire_at + interval '1 hour' WHERE id = $1`, [
      id,
    ]);
    expect(await heardAfter(SCHEDULE_CHANNEL, afterCreate, DELIVERY_MS)).toBe(false);
  });

  it('after its connection is killed, the listener listens again and calls every subscriber for a round', async () => {
    const before = heard.get(WAIT_CHANNEL) ?? 0;
    const [killed] = await harness.database.query<{ killed: boolean }>(
      `SELECT bool_or(pg_terminate_backend(pid)) AS killed FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'taskloom-listener'`,
    );
    expect(killed?.killed).toBe(true);
    // The reconnection's own call, a second or so later: what was announced meanwhile is found by it.
    expect(await heardAfter(WAIT_CHANNEL, before)).toBe(true);
    const reconnected = heard.get(WAIT_CHANNEL) ?? 0;
    await harness.database.query(`SELECT pg_notify('${WAIT_CHANNEL}', '')`);
    expect(await heardAfter(WAIT_CHANNEL, reconnected)).toBe(true);
  });
});
