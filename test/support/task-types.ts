import { Client } from 'pg';

/**
 * Publishes the first-party task types into a suite's database without an
 * executor, so definitions validate while no executor is running yet
 * (as when an executor published them earlier and has since stopped).
 */
export async function publishCoreTaskTypes(databaseUrl: string, types: string[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const type of types) {
      await client.query(
        `INSERT INTO task_types (type, plugin, plugin_version, description, input_schema, output_schema, resources, isolation)
         VALUES ($1, 'core', '0.1.0', 'published by the test', '{}', '{}', '{"cpu":0.25,"memoryMb":256,"timeoutMs":30000}', 'inline')
         ON CONFLICT (type) DO NOTHING`,
        [type],
      );
    }
  } finally {
    await client.end();
  }
}
