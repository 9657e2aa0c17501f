import { StandardSchemaValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ValidationError, type ErrorDetail } from '@taskloom/orchestrator';

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
}

function toValidationError(details: ErrorDetail[]): ValidationError {
  const first = details[0];
  return new ValidationError(first ? `${first.path || 'body'}: ${first.message}` : 'invalid request', details);
}

export function createValidationPipe(): StandardSchemaValidationPipe {
  return new NamingValidationPipe({
    exceptionFactory: (issues) =>
      toValidationError(
        issues.map((issue) => ({
          path: (issue.path ?? [])
            .map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
            .join('.'),
          message: issue.message,
        })),
      ),
  });
}
