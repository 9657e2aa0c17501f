import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@taskloom/config';
import { ApiModule } from '../api.module';
import { createHttpAdapter } from '../http-adapter';
import { useApiPrefix } from '../http-app';
import { buildOpenApiDocument } from './openapi-document';
import { workflowDefinitionJsonSchema } from './workflow-definition-json-schema';

/** The files `npm run openapi` writes, relative to the repository root. */
export const CONTRACT_FILES = {
  document: 'docs/openapi.json',
  definitionSchema: 'libs/sdk/schema/workflow-definition.schema.json',
  clientTypes: 'libs/client/generated/openapi.d.ts',
} as const;

export const REGENERATE_HINT = 'run `npm run openapi` and commit the files it writes';

/**
 * The committed contract, as the code generates it: the OpenAPI document,
 * the definition's JSON Schema and the types openapi-typescript derives
 * from the document. The app is created in preview mode: its routes and
 * schemas are read, nothing is connected to.
 */
export async function renderContractFiles(): Promise<Record<keyof typeof CONTRACT_FILES, string>> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), createHttpAdapter(config), {
    preview: true,
    logger: false,
  });
  try {
    useApiPrefix(app);
    const document = buildOpenApiDocument(app);
    return {
      document: asJson(document),
      definitionSchema: asJson(workflowDefinitionJsonSchema()),
      clientTypes: await clientTypesOf(document as unknown as Record<string, unknown>),
    };
  } finally {
    await app.close();
  }
}

function asJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

type OpenApiTypescript = typeof import('openapi-typescript', { with: { 'resolution-mode': 'import' } });

/**
 * A recursive JSON type: openapi-typescript writes the JsonValue schema as a
 * member of `components` that refers to itself, which TypeScript reads as
 * `any` (TS2502); a top-level alias keeps request bodies checked.
 */
const JSON_VALUE_ALIAS =
  'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };';

/** openapi-typescript is a development tool: loaded only when the contract is rendered. */
async function clientTypesOf(document: Record<string, unknown>): Promise<string> {
  // Its CommonJS typings declare only the default export; the ESM ones name both.
  // eslint-disable-next-line import-x/no-extraneous-dependencies -- a root devDependency: only `npm run openapi` reaches this
  const openapi = (await import('openapi-typescript')) as unknown as OpenApiTypescript;
  const [aliasUse] = openapi.stringToAST('type Use = JsonValue;') as { type: never }[];
  const ast = await openapi.default(document as never, {
    transform: (_schema, { path }) => (path === '#/components/schemas/JsonValue' ? aliasUse.type : undefined),
  });
  const types = openapi.astToString(ast);
  return `// Generated from docs/openapi.json by openapi-typescript (npm run openapi). Do not edit.\n\n${JSON_VALUE_ALIAS}\n\n${types}`;
}
