import { Injectable } from '@nestjs/common';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import addFormats from 'ajv-formats';
import { re2RegExpEngine } from '@taskloom/engine';
import { LRUCache } from 'lru-cache';
import type { ErrorDetail } from './errors';

/** Compiled validators kept; each holds its own small Ajv instance. */
const MAX_COMPILED = 1_000;

/**
 * Validates JSON values against JSON Schema documents (a workflow's
 * `inputSchema`, a task type's input schema). Compiled validators are kept by
 * cache key (a definition version, a task type version), since the same
 * schema checks every run of a workflow.
 *
 * Every schema compiles in an Ajv instance of its own: Ajv registers each
 * `$id` it compiles and refuses a second schema with the same one, so a
 * shared instance let one definition (any tenant's) break another's
 * registration or run starts, and grew with every schema. The cache is
 * bounded; an evicted schema compiles again when next needed. Schemas are
 * checked against the meta-schemas by one shared instance, which never
 * registers them, so a per-schema instance carries no meta-schema at all.
 *
 * `pattern` and `patternProperties` run on RE2 (linear time, ADR 0015): a
 * pattern RE2 cannot compile (a backreference, lookaround) fails the
 * schema's compilation, so a definition holding one is refused when it is
 * registered.
 *
 * Task types publish draft 2020-12 (what zod emits); hand-written workflow
 * `inputSchema`s are often draft-07, so both dialects are understood.
 */
@Injectable()
export class JsonSchemaValidator {
  private readonly compiled = new LRUCache<string, ValidateFunction>({ max: MAX_COMPILED });
  private readonly metaSchemas = new Ajv2020({ allErrors: true, strict: false });

  constructor() {
    this.metaSchemas.addMetaSchema(draft07MetaSchema);
    addFormats.default(this.metaSchemas);
  }

  /** Throws when the schema itself is not valid JSON Schema . */
  assertSchema(schema: Record<string, unknown>): void {
    if (!this.metaSchemas.validateSchema(schema)) {
      throw new Error(`schema is invalid: ${this.metaSchemas.errorsText(this.metaSchemas.errors)}`);
    }
    compileAlone(schema);
  }

  validate(cacheKey: string, schema: Record<string, unknown>, value: unknown, pathPrefix: string): ErrorDetail[] {
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = compileAlone(schema);
      this.compiled.set(cacheKey, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: [pathPrefix, ...error.instancePath.split('/').slice(1)].filter(Boolean).join('.'),
      message: error.message ?? 'is invalid',
    }));
  }
}

function compileAlone(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    meta: false,
    validateSchema: false,
    code: { regExp: re2RegExpEngine },
  });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
