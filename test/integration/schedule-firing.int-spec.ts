import { randomUUID } from 'node:crypto';
import { ScheduleFiringService } from '@taskloom/orchestrator';
import { ScheduleRepository, type ScheduleFields } from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

const HOUR = 3_600_000;

/**
 * The firing round on the real PostgreSQL, driven directly (no router
 * process): catch-up of fire times missed while nothing ran, the overlap
 * policies against an active previous run, and a fire time handled twice
 * (a router killed before it recorded the fire) still having one run.
 */
describe('schedule firing rounds', () => {
  let harness: OrchestratorHarness;
  let firing: ScheduleFiringService;
  let schedules: ScheduleRepository;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('int-schedule-firing', { SCHEDULE_CATCH_UP_MAX: '3' });
    firing = harness.module.get(ScheduleFiringService);
    schedules = harness.module.get(ScheduleRepository);
    await harness.define({ name: 'tick', tasks: [{ key: 'a', type: 'core.noop' }] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** An hourly schedule whose first fire time is `firstAgoMs` ago: the fire times since are due now. */
  async function hourly(name: string, firstAgoMs: number, fields: Partial<ScheduleFields> = {}): Promise<string> {
    const anchorAt = new Date(Date.now() - firstAgoMs);
    const id = randomUUID();
    await schedules.create(id, 'default', name, {
      workflowName: 'tick',
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
      anchorAt,
      nextFireAt: anchorAt,
      ...fields,
    });
    return id;
  }

  async function runsOf(id: string): Promise<{ id: string; status: string; fireTime: string }[]> {
    return harness.database.query(
      `SELECT id, status, substr(idempotency_key, length($1) + 1) AS "fireTime" FROM runs
        WHERE starts_with(idempotency_key, $1) ORDER BY 3`,
      [`schedule:${id}:`],
    );
  }

  const fireUntilIdle = async () => {
    while ((await firing.fireDue()) > 0);
  };

  it('catch-up: none drops missed fire times, latest starts one, all the latest SCHEDULE_CATCH_UP_MAX', async () => {
    // Five hourly fire times, the last an hour ago: all missed.
    const firstAgo = 4 * HOUR + 60_000;
    const none = await hourly('catch-none', firstAgo, { catchUp: 'none' });
    const latest = await hourly('catch-latest', firstAgo, { catchUp: 'latest' });
    const all = await hourly('catch-all', firstAgo, { catchUp: 'all', overlap: 'allow' });
    await fireUntilIdle();

    expect(await runsOf(none)).toEqual([]);
    // The last missed one: the fifth fire time, an hour ago.
    const lastMissed = (anchor: number) => anchor + 4 * HOUR;
    const [latestRun] = await runsOf(latest);
    expect(await runsOf(latest)).toHaveLength(1);
    const fireTimes = (await runsOf(all)).map((run) => Date.parse(run.fireTime));
    expect(fireTimes).toHaveLength(3);
    expect(fireTimes.slice(1).map((time, index) => time - fireTimes[index]!)).toEqual([HOUR, HOUR]);
    const anchors = await harness.database.query<{ name: string; anchor: Date }>(
      `SELECT name, anchor_at AS anchor FROM schedules WHERE name IN ('catch-latest', 'catch-all')`,
    );
    const anchorOf = (name: string) => anchors.find((row) => row.name === name)!.anchor.getTime();
    expect(Date.parse(latestRun!.fireTime)).toBe(lastMissed(anchorOf('catch-latest')));
    expect(fireTimes.at(-1)).toBe(lastMissed(anchorOf('catch-all')));
    const [row] = await harness.database.query<{ next: Date }>(
      `SELECT next_fire_at AS next FROM schedules WHERE id = $1`,
      [none],
    );
    expect(row!.next.getTime()).toBeGreaterThan(Date.now());
  });

  it('starts a fire time handled twice once: the key is the schedule and the fire time', async () => {
    const id = await hourly('twice', 1_000);
    await fireUntilIdle();
    const [first] = await runsOf(id);
    // As if the router had been killed before its transaction committed: the fire time is due again.
    await harness.database.query(`UPDATE schedules SET next_fire_at = $2, last_run_id = NULL WHERE id = $1`, [
      id,
      new Date(first!.fireTime),
    ]);
    await fireUntilIdle();
    expect(await runsOf(id)).toEqual([first]);
  });

  describe('overlap with the previous run still active', () => {
    /** A schedule whose previous run is active (never driven), with its next fire time due now. */
    async function withActiveRun(name: string, overlap: string): Promise<{ id: string; previous: string }> {
      const id = await hourly(name, HOUR + 1_000, { overlap, catchUp: 'all' });
      await harness.database.query(`UPDATE schedules SET next_fire_at = anchor_at WHERE id = $1`, [id]);
      // Fire the first of the two due fire times only: its run stays active.
      await harness.database.query(`UPDATE schedules SET end_at = anchor_at WHERE id = $1`, [id]);
      await fireUntilIdle();
      await harness.database.query(
        `UPDATE schedules SET end_at = NULL, next_fire_at = anchor_at + interval '1 hour' WHERE id = $1`,
        [id],
      );
      const [previous] = await runsOf(id);
      return { id, previous: previous!.id };
    }

    it('skip starts nothing', async () => {
      const { id } = await withActiveRun('overlap-skip', 'skip');
      await fireUntilIdle();
      expect(await runsOf(id)).toHaveLength(1);
    });

    it('allow starts a second run', async () => {
      const { id } = await withActiveRun('overlap-allow', 'allow');
      await fireUntilIdle();
      expect(await runsOf(id)).toHaveLength(2);
    });

    it('cancel_running cancels the active run and starts the new one', async () => {
      const { id, previous } = await withActiveRun('overlap-cancel', 'cancel_running');
      await fireUntilIdle();
      const runs = await runsOf(id);
      expect(runs).toHaveLength(2);
      expect(runs.find((run) => run.id === previous)?.status).toBe('cancelled');
    });

    it('buffer_one holds the fire time and starts it when the active run ends', async () => {
      const { id, previous } = await withActiveRun('overlap-buffer', 'buffer_one');
      await fireUntilIdle();
      expect(await runsOf(id)).toHaveLength(1);
      await harness.drive(previous);
      await fireUntilIdle();
      const runs = await runsOf(id);
      expect(runs).toHaveLength(2);
      const [row] = await harness.database.query<{ buffered: Date | null }>(
        'SELECT buffered_fire_at AS buffered FROM schedules WHERE id = $1',
        [id],
      );
      expect(row!.buffered).toBeNull();
    });
  });
});
