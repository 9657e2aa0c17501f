import type { ApiScope } from './require-scope.decorator';

/**
 * What each scope allows: `operator` everything in every tenant (queues,
 * cluster stats, every tenant's keys); `admin` everything within its own
 * tenant (its keys, sharing its workflows); `submit` starting and
 * steering runs and registering workflows plus reading (a client that
 * starts runs must be able to watch them), `read` reading only.
 */
const IMPLIED: Record<ApiScope, readonly ApiScope[]> = {
  operator: ['operator', 'admin', 'submit', 'read'],
  admin: ['admin', 'submit', 'read'],
  submit: ['submit', 'read'],
  read: ['read'],
};

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function grants(scopes: readonly ApiScope[], required: ApiScope): boolean {
  return scopes.some((scope) => IMPLIED[scope].includes(required));
}

/** A route's `@RequireScope` wins; otherwise reads need `read` and anything that changes state needs `submit`. */
export function requiredScope(method: string, declared: ApiScope | undefined): ApiScope {
  return declared ?? (READ_METHODS.has(method.toUpperCase()) ? 'read' : 'submit');
}
