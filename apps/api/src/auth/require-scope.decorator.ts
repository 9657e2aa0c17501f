import { SetMetadata } from '@nestjs/common';

/**
 * `operator` is the cluster operator's (the bootstrap key's): the only scope
 * that acts across tenants. `admin` manages its own tenant (ADR 0014).
 */
export const API_SCOPES = ['operator', 'admin', 'submit', 'read'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const REQUIRED_SCOPE = 'taskloom:required-scope';

/** The scope an API key needs for a controller or route; the auth guard enforces it. */
export const RequireScope = (scope: ApiScope) => SetMetadata(REQUIRED_SCOPE, scope);
