import type { TaskloomConfig } from '@taskloom/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseApiKey } from '../auth/api-key';
import type { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { UnauthenticatedError } from '../auth/auth.errors';
import { presentedKey, UI_HEADER, UI_SESSION_COOKIE } from '../auth/presented-key';
import { ANONYMOUS, type Principal } from '../auth/principal';
import { ValidationError } from '@taskloom/orchestrator';
import type { HttpErrorFilter } from '../common/http-error.filter';

/** How long the browser keeps the dashboard's key: a working day, then it asks again. */
const SESSION_MAX_AGE_S = 8 * 3600;

const SessionBodySchema = z.object({ key: z.string().min(1).max(500) }).strict();

/** What the dashboard learns about its caller, to show only the pages and buttons the key allows. */
function describe(config: TaskloomConfig, principal: Principal) {
  return { authEnabled: config.auth.enabled, tenant: principal.tenant, scopes: principal.scopes };
}

function sessionCookie(request: FastifyRequest, value: string, maxAgeS: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  // Path=/ : the cookie must reach /api/v1, where the auth guard reads it (with the X-Taskloom-UI header only).
  return `${UI_SESSION_COOKIE}=${encodeURIComponent(value)}; Max-Age=${maxAgeS}; Path=/; HttpOnly; SameSite=Strict${secure}`;
}

/**
 * The dashboard's session: POST checks a key and keeps it in an HttpOnly,
 * SameSite=Strict cookie; GET says who the cookie belongs to (401 when
 * there is none, which makes the dashboard ask for a key); DELETE forgets
 * it. Each demands the X-Taskloom-UI header, like every cookie-borne call.
 */
export function registerUiSession(
  scope: FastifyInstance,
  config: TaskloomConfig,
  authenticator: ApiKeyAuthenticator,
  errors: HttpErrorFilter,
): void {
  const answer =
    (handle: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        if (request.headers[UI_HEADER] !== '1')
          throw new UnauthenticatedError('the X-Taskloom-UI: 1 header is required');
        return await handle(request, reply);
      } catch (error) {
        errors.respond(error, reply);
        return reply;
      }
    };

  scope.get(
    '/session',
    answer(async (request) => {
      if (!config.auth.enabled) return describe(config, ANONYMOUS);
      return describe(config, await authenticator.authenticate(presentedKey(request.headers), request.ip));
    }),
  );

  scope.post(
    '/session',
    answer(async (request, reply) => {
      const body = SessionBodySchema.safeParse(request.body);
      if (!body.success) throw new ValidationError('body: { "key": "<API key>" } is required');
      if (!config.auth.enabled) return describe(config, ANONYMOUS);
      const parsed = parseApiKey(body.data.key.trim());
      if (!parsed) throw new UnauthenticatedError('the API key is not valid');
      const principal = await authenticator.authenticate(parsed, request.ip);
      void reply.header('Set-Cookie', sessionCookie(request, body.data.key.trim(), SESSION_MAX_AGE_S));
      return describe(config, principal);
    }),
  );

  scope.delete(
    '/session',
    answer(async (request, reply) => {
      void reply.header('Set-Cookie', sessionCookie(request, '', 0)).status(204);
      return null;
    }),
  );
}
