import { StandardSchemaValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ValidationError, type ErrorDetail } from '@taskloom/orchestrator';
import { types } from 'node:util';

const BUILT_IN_TYPES = [Date, RegExp, Error, Map, Set, WeakMap, WeakSet];

/**
 * Request validation failures name every offending field in `details`. A
 * path or query parameter validated on its own (`@Param('version', {schema})`)
 * has issues without a path: they are named after the parameter, not "body".
 */
class NamingValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const root = metadata.type === 'body' ? 'body' : metadata.data;
      if (!(error instanceof ValidationError) || !root) throw error;
      const details = (error.details ?? []).map((detail) => ({ ...detail, path: detail.path || root }));
      throw toValidationError(details);
    }
  }

  /**
   * Nest's own walk (the same keys deleted from the same objects), except
   * that numbers, strings and the like are never stacked: a body holding an
   * array of a million numbers costs no stack entry per item.
   */
  protected override stripProtoKeys(value: unknown): void {
    const visited = new WeakSet<object>();
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const current = stack.pop();
      if (typeof current !== 'object' || current === null || types.isTypedArray(current) || visited.has(current))
        continue;
      visited.add(current);
      if (BUILT_IN_TYPES.some((type) => current instanceof type)) continue;
      const children: unknown[] = Array.isArray(current) ? Object.values(current) : [];
      if (!Array.isArray(current)) {
        const record = current as Record<string, unknown> & { constructor?: unknown };
        delete record.__proto__;
        delete record.prototype;
        if (!BUILT_IN_TYPES.includes(record.constructor as never)) delete record.constructor;
        for (const key in record) children.push(record[key]);
      }
      for (const child of children) if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

function toValidationError(details: ErrorDetail[]): ValidationError {
  const first = details[0];
  return new ValidationError(first ? `${first.path || 'body'}: ${first.message}` : 'invalid request', details);
}

interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Schema issues as the error a request body failing them is answered with, each issue naming its field. */
export function validationErrorOf(issues: readonly SchemaIssue[]): ValidationError {
  return toValidationError(
    issues.map((issue) => ({
      path: (issue.path ?? [])
        .map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
        .join('.'),
      message: issue.message,
    })),
  );
}

export function createValidationPipe(): StandardSchemaValidationPipe {
  return new NamingValidationPipe({ exceptionFactory: (issues) => validationErrorOf(issues) });
}
