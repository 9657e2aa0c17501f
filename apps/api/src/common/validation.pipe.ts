import { StandardSchemaValidationPipe } from '@nestjs/common';
import { ValidationError } from '@taskloom/orchestrator';

/** Request validation failures name every offending field in `details`. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => {
      const details = issues.map((issue) => ({
        path: (issue.path ?? [])
          .map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
          .join('.'),
        message: issue.message,
      }));
      const first = details[0];
      return new ValidationError(first ? `${first.path || 'body'}: ${first.message}` : 'invalid request', details);
    },
  });
}
