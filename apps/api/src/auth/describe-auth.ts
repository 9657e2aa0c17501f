import type { TaskloomConfig } from '@taskloom/config';

/** The start-up line of the api and the standalone process saying whether requests need an API key. */
export function describeAuth(config: TaskloomConfig): string {
  const { enabled } = config.auth;
  const limit = config.api.rateLimitPerMinute;
  const rate =
    limit > 0
      ? `rate limit ${limit} requests/min per ${enabled ? 'key' : 'client IP'}`
      : 'no rate limit (API_RATE_LIMIT=0)';
  return enabled
    ? `auth is ON: requests need Authorization: Bearer <key>; ${rate}`
    : `auth is OFF (AUTH_ENABLED=false): every request acts as tenant "default" with every scope; ${rate}`;
}
