import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DefinitionError } from '@taskloom/engine';
import { TaskloomError } from '@taskloom/orchestrator';
import type { Response } from 'express';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

const STATUS_OF_CODE: Record<TaskloomError['code'], number> = {
  not_found: HttpStatus.NOT_FOUND,
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  overloaded: HttpStatus.TOO_MANY_REQUESTS,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

/**
 * The one place where errors become HTTP: domain errors by class, Nest's
 * own HTTP exceptions as they are, and anything else as a 500 that is
 * logged with its stack but never leaks it.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    this.respond(exception, host.switchToHttp().getResponse<Response>());
  }

  /** Also called by plain express middleware (the queue dashboard's guard), which Nest's filters do not reach. */
  respond(exception: unknown, response: Response): void {
    const body = this.toBody(exception, response);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, response: Response): ErrorBody {
    if (exception instanceof TaskloomError) {
      if (exception.code === 'unauthenticated') response.setHeader('WWW-Authenticate', 'Bearer');
      if ('retryAfterSeconds' in exception) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      return {
        statusCode: STATUS_OF_CODE[exception.code],
        error: exception.name,
        message: exception.message,
        details: exception.details,
      };
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
        error: exception.name,
        message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        details: typeof payload === 'object' ? (payload as { details?: unknown }).details : undefined,
      };
    }
    // body-parser reports malformed JSON and oversized bodies as errors carrying a 4xx status.
    const clientError = exception as { status?: number; message?: string; stack?: string } | undefined;
    if (clientError?.status && clientError.status >= 400 && clientError.status < 500) {
      return { statusCode: clientError.status, error: 'BadRequest', message: clientError.message ?? 'bad request' };
    }
    this.logger.error(clientError?.stack ?? String(exception));
    return { statusCode: 500, error: 'InternalServerError', message: 'internal error' };
  }
}
