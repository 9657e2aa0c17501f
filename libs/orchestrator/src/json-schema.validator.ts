import { Injectable } from '@nestjs/common';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import addFormats from 'ajv-formats';
import { LRUCache } from 'lru-cache';
import type { ErrorDetail } from './errors';

/**
 * Validates JSON values against JSON Schema documents (a workflow's
 * `inputSchema`, a task type's input schema). Compiled validators are kept by
 * cache key, since the same schema checks every run of a workflow.
 *
 * Task types publish draft 2020-12 (what zod emits); hand-written workflow
 * `inputSchema`s are often draft-07, so both dialects are understood.
 */
@Injectable()
export class JsonSchemaValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly compiled = new LRUCache<string, ValidateFunction>({ max: 2_000 });

  constructor() {
    this.ajv.addMetaSchema(draft07MetaSchema);
    addFormats.default(this.ajv);
  }

  /** Throws when the schema itself is not valid JSON Schema. */
  assertSchema(schema: Record<string, unknown>): void {
    this.ajv.compile(schema);
  }

  validate(cacheKey: string, schema: Record<string, unknown>, value: unknown, pathPrefix: string): ErrorDetail[] {
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(cacheKey, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: [pathPrefix, ...error.instancePath.split('/').slice(1)].filter(Boolean).join('.'),
      message: error.message ?? 'is invalid',
    }));
  }
}
