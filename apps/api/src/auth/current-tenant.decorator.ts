import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DEFAULT_TENANT, type AuthenticatedRequest } from './principal';

/** The tenant the auth guard put on the request: the key's tenant, or `default` when auth is off. */
export const CurrentTenant = createParamDecorator(
  (_: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.tenant ?? DEFAULT_TENANT,
);
