import { NotFoundError, ValidationError, type StartRunCommand, type StartedRun } from '@taskloom/orchestrator';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * RunStarterService.startMany on a real PostgreSQL: how many writes a batch
 * costs (every row one statement writes carries the same transaction id,
 * `xmin`), and which of its items are created, matched or refused.
 */
describe('starting a batch of runs', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('run-batch');
    await harness.define({
      name: 'plain',
      tasks: [{ key: 'a', type: 'core.noop', input: { i: '{{ run.input.i }}' } }],
    });
    await harness.define({
      name: 'guarded',
      inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      tasks: [
        { key: 'maybe', type: 'core.noop', when: 'run.input.n > 1' },
        { key: 'always', type: 'core.noop' },
      ],
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const command = (workflow: string, fields: Partial<StartRunCommand> = {}): StartRunCommand => ({
    workflow,
    input: {},
    tenant: 'default',
    ...fields,
  });

  async function query<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await harness.database.db.query<R>({ text, values })).rows;
  }

  async function writesOf(ids: string[]): Promise<number> {
    const [row] = await query<{ n: number }>(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM (SELECT xmin FROM runs WHERE id = ANY($1::uuid[])
        UNION ALL SELECT t.xmin FROM tasks t WHERE t.run_id = ANY($1::uuid[])) rows`,
      [ids],
    );
    return row!.n;
  }

  const created = (results: PromiseSettledResult<StartedRun>[]) =>
    results.map((result) => (result.status === 'fulfilled' ? result.value : undefined));

  it('writes a batch of plain runs and their tasks in one statement', async () => {
    const results = created(
      await harness.starter.startMany(Array.from({ length: 1_000 }, (_, i) => command('plain', { input: { i } }))),
    );
    expect(results.every((run) => run?.created === true && run.status === 'pending')).toBe(true);
    expect(await writesOf(results.map((run) => run!.id))).toBe(1);
    const [ready] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE status = 'ready' AND run_id = ANY($1::uuid[])`,
      [results.map((run) => run!.id)],
    );
    expect(ready!.n).toBe(1_000);
  });

  it('activates conditional roots in the same single transaction', async () => {
    const results = created(
      await harness.starter.startMany([0, 1, 2, 3].map((n) => command('guarded', { input: { n } }))),
    );
    const ids = results.map((run) => run!.id);
    expect(await writesOf(ids)).toBe(1);
    const skipped = await Promise.all(
      ids.map(async (id) => (await harness.taskRows(id)).find((row) => row.key === 'maybe')!.status),
    );
    expect(skipped).toEqual(['skipped', 'skipped', 'ready', 'ready']);
  });

  it('answers each item in order: created, existing (earlier, or earlier in the batch), refused', async () => {
    const earlier = await harness.starter.start(command('plain', { idempotencyKey: 'k-earlier' }));
    const results = await harness.starter.startMany([
      command('plain', { idempotencyKey: 'k-earlier' }),
      command('plain', { idempotencyKey: 'k-twice', tags: ['first'] }),
      command('guarded', { input: { n: 'one' } }),
      command('plain', { idempotencyKey: 'k-twice', tags: ['second'] }),
      command('plain', { input: { bad: 'nul\u0000' } }),
      command('plain', { version: 7 }),
      command('plain'),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    const runs = created(results);
    expect(runs[0]).toMatchObject({ id: earlier.id, created: false });
    expect(runs[1]).toMatchObject({ created: true });
    expect(runs[3]).toMatchObject({ id: runs[1]!.id, created: false });
    expect(runs[6]).toMatchObject({ created: true });
    const reasons = results.map((result) => (result.status === 'rejected' ? (result.reason as Error) : undefined));
    expect(reasons[2]).toBeInstanceOf(ValidationError);
    expect(reasons[2]!.message).toBe('input does not match the inputSchema of guarded v1');
    expect(reasons[4]).toBeInstanceOf(ValidationError);
    expect(reasons[5]).toBeInstanceOf(NotFoundError);
    expect(reasons[5]!.message).toBe('workflow plain version 7 not found');
    const [twice] = await query<{ tags: string[] }>(`SELECT tags FROM runs WHERE idempotency_key = 'k-twice'`);
    expect(twice!.tags).toEqual(['first']);
  });

  it('refuses the whole batch when the tenant can see no workflow of that name', async () => {
    await expect(harness.starter.startMany([command('plain', { tenant: 'other' })])).rejects.toThrow(
      new NotFoundError('workflow plain not found'),
    );
    await expect(harness.starter.startMany([command('nowhere')])).rejects.toBeInstanceOf(NotFoundError);
    // An owner that shares nothing is its item's refusal, not the batch's.
    const [unshared, plain] = await harness.starter.startMany([
      command('plain', { owner: 'nobody' }),
      command('plain'),
    ]);
    expect(unshared).toMatchObject({ status: 'rejected', reason: expect.any(NotFoundError) });
    expect(plain).toMatchObject({ status: 'fulfilled', value: { created: true } });
  });
});
