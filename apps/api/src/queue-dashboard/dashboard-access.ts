import type { TaskloomConfig } from '@taskloom/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerKey, parseApiKey } from '../auth/api-key';
import type { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { ForbiddenError } from '../auth/auth.errors';
import { grants } from '../auth/scopes';
import type { HttpErrorFilter } from '../common/http-error.filter';
import { readCookie } from '../common/read-cookie';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.service';

const COOKIE = 'taskloom_dashboard_key';
const COOKIE_MAX_AGE_S = 8 * 3600;

/** Resolves to the reply when it has answered (Fastify then stops there), to nothing to let the request through. */
type AccessHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * The dashboard is a plain Fastify plugin, outside Nest's guards, so it
 * checks the operator scope itself with the same authenticator. A browser
 * cannot send an Authorization header, so `?key=<operator key>` is accepted
 * once: it is moved into an HttpOnly, SameSite=Strict cookie scoped to the
 * dashboard, and the browser is redirected to the same page without the key
 * in its URL. An onRequest hook: a refusal is answered before any route.
 */
export function dashboardAccess(
  config: TaskloomConfig,
  authenticator: ApiKeyAuthenticator,
  errors: HttpErrorFilter,
): AccessHook {
  return async (request, reply) => {
    if (!config.auth.enabled) return undefined;
    try {
      const fromQuery = (request.query as { key?: unknown }).key;
      const queryKey = typeof fromQuery === 'string' ? fromQuery : undefined;
      const presented =
        queryKey !== undefined
          ? parseApiKey(queryKey)
          : (bearerKey(request.headers.authorization) ?? parseApiKey(readCookie(request.headers.cookie, COOKIE) ?? ''));
      const principal = await authenticator.authenticate(presented, request.ip);
      // Every tenant's job inputs are on it: the cluster operator's alone (ADR 0014).
      if (!grants(principal.scopes, 'operator'))
        throw new ForbiddenError('the queue dashboard needs an API key with the "operator" scope');
      if (queryKey === undefined) return undefined;
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return await reply
        .header(
          'Set-Cookie',
          `${COOKIE}=${queryKey}; Max-Age=${COOKIE_MAX_AGE_S}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
        )
        .redirect(request.url.split('?')[0]!, 303);
    } catch (error) {
      errors.respond(error, reply);
      return reply;
    }
  };
}
