import type { FastifyRequest } from 'fastify';
import type { ApiScope } from './require-scope.decorator';

/** Every run belongs to a tenant; with auth off, everything is this one. */
export const DEFAULT_TENANT = 'default';

/** Who is calling: the key (null when auth is off), its tenant and scopes. */
export interface Principal {
  keyId: string | null;
  tenant: string;
  scopes: readonly ApiScope[];
}

/** The caller when auth is off: the default tenant, allowed everything. */
export const ANONYMOUS: Principal = { keyId: null, tenant: DEFAULT_TENANT, scopes: ['operator'] };

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };
