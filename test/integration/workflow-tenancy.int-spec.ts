import {
  dataSourceOptions,
  MIGRATIONS,
  runMigrations,
  TransactionRunner,
  WorkflowDefinitionRepository,
  WorkflowShareRepository,
  type DatabasePool,
} from '@taskloom/persistence';
import { DataSource } from 'typeorm';
import { migratedDatabase } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';

const TENANT_MIGRATION = 'WorkflowTenants1764730000000';

/** Workflow ownership in PostgreSQL (ADR 0014): the migration, per-tenant versions, and what a name resolves to. */
describe('tenant-owned workflow definitions', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let transactions: TransactionRunner;
  let definitions: WorkflowDefinitionRepository;
  let shares: WorkflowShareRepository;

  beforeAll(async () => {
    services = await createSuiteServices('workflow-tenancy');
    // The schema as it was before workflows had tenants, with a workflow registered then.
    const before = MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((migration) => migration.name === TENANT_MIGRATION),
    );
    expect(before.length).toBeGreaterThan(0);
    const old = await new DataSource({
      ...dataSourceOptions(services.databaseUrl, 4, 'taskloom-test'),
      migrations: before,
    }).initialize();
    await runMigrations(old);
    await old.query(
      `INSERT INTO workflow_definitions (name, version, checksum, definition)
       VALUES ('legacy', 1, 'a', '{"name": "legacy"}'), ('legacy', 2, 'b', '{"name": "legacy"}')`,
    );
    await old.destroy();

    database = await migratedDatabase(services.databaseUrl, 20);
    transactions = new TransactionRunner(database);
    definitions = new WorkflowDefinitionRepository(database);
    shares = new WorkflowShareRepository(database);
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  const register = (tenant: string, name: string, checksum: string) =>
    transactions.run((db) =>
      definitions.registerVersion(db, name, checksum, { name, description: checksum, tasks: [] }, tenant),
    );

  it("gives definitions registered before tenancy to the default tenant, and nobody else's", async () => {
    const rows = await database.query<{ tenant: string; version: number }>(
      `SELECT tenant, version FROM workflow_definitions WHERE name = 'legacy' ORDER BY version`,
    );
    expect(rows).toEqual([
      { tenant: 'default', version: 1 },
      { tenant: 'default', version: 2 },
    ]);
    const resolved = await definitions.resolve({ tenant: 'default', name: 'legacy' });
    expect(resolved).toMatchObject({ owner: 'default', ambiguous: false, id: expect.any(String) });
    expect((await definitions.findRow(resolved.id!))?.version).toBe(2);
    expect(await definitions.resolve({ tenant: 'acme', name: 'legacy' })).toEqual({
      id: null,
      owner: null,
      ambiguous: false,
      generation: null,
    });
  });

  it('keeps one version sequence per tenant, even when both register the same name at once', async () => {
    const registered = await Promise.all(
      Array.from({ length: 16 }, (_, index) => register(index % 2 === 0 ? 'acme' : 'globex', 'orders', `c${index}`)),
    );
    for (const tenant of ['acme', 'globex']) {
      const versions = registered
        .filter((result) => result.definition.tenant === tenant)
        .map((result) => result.definition.version)
        .sort((a, b) => a - b);
      expect([tenant, versions]).toEqual([tenant, [1, 2, 3, 4, 5, 6, 7, 8]]);
    }
    // An identical definition answers the tenant's own latest, never another tenant's. Which content
    // became globex's latest depends on the order the concurrent registrations committed in.
    const latest = registered.findIndex(
      (result) => result.definition.tenant === 'globex' && result.definition.version === 8,
    );
    const again = await register('globex', 'orders', `c${latest}`);
    expect(again).toMatchObject({ created: false, definition: { tenant: 'globex', version: 8 } });
    const fresh = await register('initech', 'orders', `c${latest}`);
    expect(fresh).toMatchObject({ created: true, definition: { tenant: 'initech', version: 1 } });
  });

  it('resolves a batch of names each within its tenant, then among what was shared with it', async () => {
    const acmeV1 = (await register('acme', 'catalog', 'v1')).definition;
    const acmeV2 = (await register('acme', 'catalog', 'v2')).definition;
    const globexOwn = (await register('globex', 'common', 'g')).definition;
    const acmeCommon = (await register('acme', 'common', 'a')).definition;
    await shares.share('acme', 'catalog', 'hooli');
    await shares.share('acme', 'common', 'hooli');
    await shares.share('globex', 'common', 'hooli');

    const resolved = await definitions.resolveIds([
      { tenant: 'acme', name: 'catalog' },
      { tenant: 'acme', name: 'catalog', version: 1 },
      { tenant: 'acme', name: 'catalog', version: 3 },
      { tenant: 'globex', name: 'catalog' },
      { tenant: 'hooli', name: 'catalog' },
      { tenant: 'hooli', name: 'catalog', version: 1 },
      { tenant: 'hooli', name: 'common' },
      { tenant: 'hooli', name: 'common', owner: 'globex' },
      { tenant: 'hooli', name: 'common', owner: 'initech' },
      { tenant: 'globex', name: 'common' },
      { tenant: 'acme', name: 'common' },
    ]);
    // Every answer was read in one snapshot, at the catalog's generation after the last share.
    const generation = resolved[0]!.generation;
    expect(generation).toMatch(/^\d+$/);
    expect(resolved).toEqual([
      { id: acmeV2.id, owner: 'acme', ambiguous: false, generation },
      { id: acmeV1.id, owner: 'acme', ambiguous: false, generation },
      { id: null, owner: 'acme', ambiguous: false, generation },
      { id: null, owner: null, ambiguous: false, generation: null },
      { id: acmeV2.id, owner: 'acme', ambiguous: false, generation },
      { id: acmeV1.id, owner: 'acme', ambiguous: false, generation },
      { id: null, owner: null, ambiguous: true, generation },
      { id: globexOwn.id, owner: 'globex', ambiguous: false, generation },
      { id: null, owner: null, ambiguous: false, generation: null },
      { id: globexOwn.id, owner: 'globex', ambiguous: false, generation },
      { id: acmeCommon.id, owner: 'acme', ambiguous: false, generation },
    ]);

    expect(await shares.unshare('acme', 'catalog', 'hooli')).toBe(true);
    expect(await shares.unshare('acme', 'catalog', 'hooli')).toBe(false);
    expect((await definitions.resolve({ tenant: 'hooli', name: 'catalog' })).owner).toBeNull();
    const afterUnsharing = (await definitions.resolve({ tenant: 'acme', name: 'catalog' })).generation;
    expect(BigInt(afterUnsharing!)).toBeGreaterThan(BigInt(generation!));
  });

  it('lists what a tenant owns or was shared, by name and owner', async () => {
    const page = await definitions.listVisible('hooli', 10);
    expect(page.items.map((item) => `${item.name}@${item.owner}`)).toEqual(['common@acme', 'common@globex']);
    expect(page.more).toBe(false);
    const first = await definitions.listVisible('hooli', 1);
    expect(first.more).toBe(true);
    const second = await definitions.listVisible('hooli', 1, first.items[0]);
    expect(second.items.map((item) => item.owner)).toEqual(['globex']);
    expect(second.more).toBe(false);
  });
});
