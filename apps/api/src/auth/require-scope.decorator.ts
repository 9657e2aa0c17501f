import { SetMetadata } from '@nestjs/common';

export const API_SCOPES = ['admin', 'submit', 'read'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const REQUIRED_SCOPE = 'taskloom:required-scope';

/** The scope an API key needs for a controller or route; the auth guard enforces it. */
export const RequireScope = (scope: ApiScope) => SetMetadata(REQUIRED_SCOPE, scope);
