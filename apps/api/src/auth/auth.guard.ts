import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ForbiddenError } from './auth.errors';
import { presentedKey } from './presented-key';
import { ANONYMOUS, type AuthenticatedRequest } from './principal';
import { PUBLIC_ROUTE } from './public.decorator';
import { REQUIRED_SCOPE, type ApiScope } from './require-scope.decorator';
import { grants, requiredScope } from './scopes';

/**
 * The global guard: every route needs a key with the route's scope unless
 * it is `@Public()` (the key in the Authorization header, or the
 * dashboard's session cookie: see presented-key.ts). It puts the caller on the request, so handlers read
 * the tenant from there. With AUTH_ENABLED=false every request is the
 * default tenant with every scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!this.config.auth.enabled) {
      request.principal = ANONYMOUS;
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const principal = await this.authenticator.authenticate(presentedKey(request.headers), request.ip);
    const required = requiredScope(request.method, this.reflector.getAllAndOverride<ApiScope>(REQUIRED_SCOPE, targets));
    if (!grants(principal.scopes, required)) {
      throw new ForbiddenError(`this API key lacks the "${required}" scope`);
    }
    request.principal = principal;
    return true;
  }
}
