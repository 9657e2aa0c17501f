import { Injectable } from '@nestjs/common';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { LRUCache } from 'lru-cache';
import type { ErrorDetail } from './errors';

/**
 * Validates JSON values against JSON Schema documents (a workflow's
 * `inputSchema`, a task type's input schema). Compiled validators are kept by
 * cache key, since the same schema checks every run of a workflow.
 */
@Injectable()
export class JsonSchemaValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new LRUCache<string, ValidateFunction>({ max: 2_000 });

  constructor() {
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
      path: `${pathPrefix}${error.instancePath.replace(/\//g, '.')}`,
      message: error.message ?? 'is invalid',
    }));
  }
}
