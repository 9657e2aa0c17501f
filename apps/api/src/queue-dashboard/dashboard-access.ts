import type { TaskloomConfig } from '@taskloom/config';
import type { CookieOptions, Request, RequestHandler } from 'express';
import { bearerKey, parseApiKey } from '../auth/api-key';
import type { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { ForbiddenError } from '../auth/auth.errors';
import { grants } from '../auth/scopes';
import type { HttpErrorFilter } from '../common/http-error.filter';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.service';

const COOKIE = 'taskloom_dashboard_key';
const COOKIE_MAX_AGE_MS = 8 * 3600_000;

/**
 * The dashboard is plain express, outside Nest's guards, so it checks the
 * admin scope itself with the same authenticator. A browser cannot send an
 * Authorization header, so `?key=<admin key>` is accepted once: it is moved
 * into an HttpOnly, SameSite=Strict cookie scoped to the dashboard, and the
 * browser is redirected to the same page without the key in its URL.
 */
export function dashboardAccess(config: TaskloomConfig, authenticator: ApiKeyAuthenticator, errors: HttpErrorFilter): RequestHandler {
  return async (request, response, next) => {
    if (!config.auth.enabled) return next();
    try {
      const fromQuery = typeof request.query.key === 'string' ? request.query.key : undefined;
      const presented =
        fromQuery !== undefined
          ? parseApiKey(fromQuery)
          : (bearerKey(request.headers.authorization) ?? parseApiKey(cookie(request, COOKIE) ?? ''));
      const principal = await authenticator.authenticate(presented);
      if (!grants(principal.scopes, 'admin')) throw new ForbiddenError('the queue dashboard needs an API key with the "admin" scope');
      if (fromQuery === undefined) return next();
      const options: CookieOptions = { httpOnly: true, sameSite: 'strict', secure: request.secure, path: QUEUE_DASHBOARD_PATH, maxAge: COOKIE_MAX_AGE_MS };
      response.cookie(COOKIE, fromQuery, options).redirect(303, `${request.baseUrl}${request.path}`);
    } catch (error) {
      errors.respond(error, response);
    }
  };
}

function cookie(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
