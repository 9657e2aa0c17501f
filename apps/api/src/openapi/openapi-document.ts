import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { isDeepStrictEqual } from 'node:util';
import { collectedComponents } from './openapi-schema';

const TAGS: Array<[name: string, description: string]> = [
  ['workflows', 'Workflow definitions: register, read, share.'],
  ['runs', 'Start, read, search and steer runs; task attempts and logs.'],
  ['schedules', 'Start runs on a clock: cron or interval, overlap and catch-up policies, backfill.'],
  ['events', 'Start the runs of the workflows that listen to an event.'],
  ['task types', 'The task types executors publish.'],
  ['admin', 'API keys (admin scope); queues, executors and cluster statistics (operator scope).'],
  ['schemas', 'Published JSON Schemas, for editors and local validation.'],
  ['health', 'Liveness and readiness probes.'],
];

/**
 * The OpenAPI document of the api, from its controllers and their zod
 * schemas. Nothing in it depends on configuration, so the document a
 * running api serves at /docs-json is the one committed in docs/openapi.json.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Taskloom')
    .setDescription(
      'Workflow/DAG task execution: definitions, runs, task types, operations. Every error answers the `Error` ' +
        'schema; 429 and 503 carry Retry-After.',
    )
    .setVersion('0.1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'The api that serves this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'tlk_<id>_<secret>',
        description: 'An API key (when AUTH_ENABLED=true).',
      },
      'bearer',
    )
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  // Each operation names its tag (PublicOperation); Nest would add one per controller too.
  const document = SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false });
  const schemas = { ...document.components?.schemas };
  for (const [id, schema] of collectedComponents()) {
    if (schemas[id] && !isDeepStrictEqual(schemas[id], schema)) {
      throw new Error(`the document has two different schemas named ${id}`);
    }
    schemas[id] = schema;
  }
  document.components = { ...document.components, schemas: sortByKey(schemas) };
  return document;
}

function sortByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
