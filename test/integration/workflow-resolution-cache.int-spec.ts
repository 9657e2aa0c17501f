import { definitionChecksum, type WorkflowDefinition } from '@taskloom/engine';
import { NotFoundError, type StartRunCommand } from '@taskloom/orchestrator';
import { TransactionRunner, WorkflowDefinitionRepository, WorkflowShareRepository } from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * The run starter keeps the workflows it resolved (ADR 0039). Every change
 * here is made past it, straight through the repositories, as another api
 * process would: the next start must still see it.
 */
describe('starting runs from cached workflow resolutions', () => {
  let harness: OrchestratorHarness;
  let lookups: jest.SpiedFunction<WorkflowDefinitionRepository['resolveIds']>;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('workflow-resolution-cache');
    lookups = jest.spyOn(harness.module.get(WorkflowDefinitionRepository), 'resolveIds');
  });

  beforeEach(() => lookups.mockClear());

  afterAll(async () => {
    lookups?.mockRestore();
    await harness?.close();
  });

  const plain = (name: string, description: string): WorkflowDefinition => ({
    name,
    description,
    tasks: [{ key: 'a', type: 'core.noop' }],
  });

  const register = (definition: WorkflowDefinition, tenant: string) =>
    harness.module
      .get(TransactionRunner)
      .run((db) =>
        harness.module
          .get(WorkflowDefinitionRepository)
          .registerVersion(db, definition.name, definitionChecksum(definition), definition, tenant),
      );

  const start = (workflow: string, tenant = 'default', fields: Partial<StartRunCommand> = {}) =>
    harness.starter.start({ workflow, input: {}, tenant, ...fields });

  async function runsOf(workflow: string): Promise<{ version: number; n: number }[]> {
    return harness.database.query<{ version: number; n: number }>(
      `SELECT workflow_version AS version, count(*)::int AS n FROM runs WHERE workflow_name = $1
        GROUP BY workflow_version ORDER BY workflow_version`,
      [workflow],
    );
  }

  it('looks a workflow up once, then starts its runs in one statement each', async () => {
    await register(plain('steady', 'v1'), 'default');
    for (let i = 0; i < 5; i += 1) expect(await start('steady')).toMatchObject({ version: 1, created: true });
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(await runsOf('steady')).toEqual([{ version: 1, n: 5 }]);
  });

  it('starts the version registered past it, and writes nothing for the stale start', async () => {
    await register(plain('versioned', 'v1'), 'default');
    expect(await start('versioned')).toMatchObject({ version: 1 });
    await register(plain('versioned', 'v2'), 'default');
    expect(await start('versioned')).toMatchObject({ version: 2, created: true });
    // The cached start was refused by its insert, then resolved again: exactly one run per start.
    expect(await runsOf('versioned')).toEqual([
      { version: 1, n: 1 },
      { version: 2, n: 1 },
    ]);
    expect(await start('versioned')).toMatchObject({ version: 2 });
  });

  it('refuses a start once the share it was resolved through is revoked', async () => {
    const shares = harness.module.get(WorkflowShareRepository);
    await register(plain('lent', 'acme'), 'acme');
    await shares.share('acme', 'lent', 'hooli');
    expect(await start('lent', 'hooli')).toMatchObject({ version: 1, created: true });
    expect(await shares.unshare('acme', 'lent', 'hooli')).toBe(true);
    await expect(start('lent', 'hooli')).rejects.toBeInstanceOf(NotFoundError);
    expect(await runsOf('lent')).toEqual([{ version: 1, n: 1 }]);
  });

  it('answers a stale idempotent start with the run that holds its key', async () => {
    await register(plain('keyed', 'v1'), 'default');
    const first = await start('keyed', 'default', { idempotencyKey: 'once' });
    await register(plain('keyed', 'v2'), 'default');
    expect(await start('keyed', 'default', { idempotencyKey: 'once' })).toEqual({ ...first, created: false });
  });

  it('starts a whole batch of the new version when the catalog moved under its cached resolution', async () => {
    await register(plain('batched', 'v1'), 'default');
    await harness.starter.startMany([{ workflow: 'batched', input: {}, tenant: 'default' }]);
    await register(plain('batched', 'v2'), 'default');
    const results = await harness.starter.startMany(
      Array.from({ length: 3 }, () => ({ workflow: 'batched', input: {}, tenant: 'default' })),
    );
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value.version : result.reason))).toEqual([
      2, 2, 2,
    ]);
    expect(await runsOf('batched')).toEqual([
      { version: 1, n: 1 },
      { version: 2, n: 3 },
    ]);
  });
});
