import type { SchemaObject } from '@nestjs/swagger';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

type Io = 'input' | 'output';

/**
 * The named schemas (zod `.meta({ id })`) met while operations were
 * declared; the document builder adds them to `components.schemas`.
 */
const collected = new Map<string, SchemaObject>();

/**
 * A zod schema as an OpenAPI 3.0 schema: a `$ref` for a named one, its
 * named parts collected as components. A request is described as the
 * schema reads it (`input`: defaults optional), a response as it is
 * written (`output`). Every reused part must be named: an anonymous
 * `__schemaN` would collide with another conversion's.
 */
export function openApiSchemaOf(schema: z.ZodType, io: Io): SchemaObject {
  const converted = z.toJSONSchema(schema, { target: 'openapi-3.0', io }) as Record<string, unknown>;
  const {
    definitions,
    $schema: _dialect,
    ...root
  } = converted as {
    definitions?: Record<string, unknown>;
    $schema?: string;
  };
  for (const [id, definition] of Object.entries(definitions ?? {})) {
    if (id.startsWith('__schema')) {
      throw new Error(`a reused part of a schema has no name: give it .meta({ id }) (${JSON.stringify(definition)})`);
    }
    addComponent(id, toComponentRefs(definition) as SchemaObject);
  }
  return toComponentRefs(root) as SchemaObject;
}

/** The schemas collected so far, by component name. */
export function collectedComponents(): ReadonlyMap<string, SchemaObject> {
  return collected;
}

function addComponent(id: string, definition: SchemaObject): void {
  const known = collected.get(id);
  if (known && !isDeepStrictEqual(known, definition)) {
    throw new Error(`two different schemas are named ${id} (a request and a response shape may not share a name)`);
  }
  collected.set(id, definition);
}

function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string'
        ? child.replace('#/definitions/', '#/components/schemas/')
        : toComponentRefs(child),
    ]),
  );
}
