import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DefinitionError } from '@taskloom/engine';
import { TaskloomError } from '@taskloom/orchestrator';
import type { FastifyReply } from 'fastify';
import { dependencyUnavailable } from './dependency-unavailable';
import { errorAnswerOf, type ErrorBody } from './http-status';

/**
 * The one place where errors become HTTP: domain errors by class (the table
 * in http-status.ts), Nest's
 * own HTTP exceptions as they are, PostgreSQL or Redis out of reach as a
 * 503 with Retry-After, and anything else as a 500 that is logged with its
 * stack but never leaks it.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    this.respond(exception, host.switchToHttp().getResponse<FastifyReply>());
  }

  /** Also called by the queue dashboard's access hook, which runs outside Nest. */
  respond(exception: unknown, reply: FastifyReply): void {
    const body = this.toBody(exception, reply);
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, reply: FastifyReply): ErrorBody {
    const answer = exception instanceof TaskloomError ? errorAnswerOf(exception) : undefined;
    if (answer) {
      for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value);
      return answer.body;
    }
    if (exception instanceof DefinitionError) {
      return { statusCode: 400, error: 'InvalidDefinition', message: exception.message, details: exception.issues };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const message = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      return {
        statusCode,
        // What Fastify refuses before a handler runs (malformed JSON, an oversized body) arrives as a bare HttpException.
        error: exception.constructor === HttpException ? statusName(statusCode) : exception.name,
        message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        details: typeof payload === 'object' ? (payload as { details?: unknown }).details : undefined,
      };
    }
    const unavailable = dependencyUnavailable(exception);
    if (unavailable) {
      this.logger.warn(unavailable.message);
      void reply.header('Retry-After', String(unavailable.retryAfterSeconds));
      return { statusCode: 503, error: unavailable.name, message: unavailable.message };
    }
    const unexpected = exception as { stack?: string } | undefined;
    this.logger.error(unexpected?.stack ?? String(exception));
    return { statusCode: 500, error: 'InternalServerError', message: 'internal error' };
  }
}

/** 413 → "PayloadTooLarge", from Nest's HttpStatus names. */
function statusName(statusCode: number): string {
  const name = (HttpStatus as unknown as Record<number, string | undefined>)[statusCode];
  if (!name) return 'HttpError';
  return name.toLowerCase().replace(/(^|_)([a-z])/g, (_match, _separator, letter: string) => letter.toUpperCase());
}
