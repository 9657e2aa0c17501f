import { ValidationError } from '@taskloom/orchestrator';
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import { findUnstorableValue } from './find-unstorable-value';

/**
 * One rule for every route, before any schema runs: no string in the
 * body, the query or the path parameters may hold a NUL character or a
 * lone surrogate, and no JSON may nest deeper than `maxJsonDepth`. Such a
 * value would otherwise pass validation and fail in PostgreSQL (a 500, and
 * a failed write batch shared with other requests), or overflow a
 * recursive schema. The error names the field and goes through the one
 * error filter (a thrown error here reaches Nest's exception filters).
 */
export function rejectUnstorableInput(maxJsonDepth: number): preValidationHookHandler {
  return (request: FastifyRequest, _reply, done) => {
    const found =
      findUnstorableValue(request.params, maxJsonDepth, 'params') ??
      findUnstorableValue(request.query, maxJsonDepth, 'query') ??
      findUnstorableValue(request.body, maxJsonDepth, '');
    if (!found) {
      done();
      return;
    }
    const path = found.path === '' ? 'body' : found.path;
    done(new ValidationError(`${path}: ${found.message}`, [{ path, message: found.message }]));
  };
}
