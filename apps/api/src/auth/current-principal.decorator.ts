import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DEFAULT_TENANT, type AuthenticatedRequest, type Principal } from './principal';

/** On a public route nobody was authenticated: no scope at all. */
const NOBODY: Principal = { keyId: null, tenant: DEFAULT_TENANT, scopes: [] };

/** The caller the auth guard put on the request: its tenant and scopes (everything when auth is off). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal ?? NOBODY,
);
