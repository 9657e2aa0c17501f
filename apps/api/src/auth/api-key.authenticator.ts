import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ApiKeyRepository } from '@taskloom/persistence';
import { LRUCache } from 'lru-cache';
import { secretMatches, type ParsedApiKey } from './api-key';
import { AuthFailureThrottle } from './auth-failure-throttle';
import { UnauthenticatedError } from './auth.errors';
import type { Principal } from './principal';
import type { ApiScope } from './require-scope.decorator';

const MAX_CACHED_KEYS = 10_000;

interface KnownKey {
  tenant: string;
  scopes: ApiScope[];
  secretHash: Buffer;
  revoked: boolean;
}

/** lru-cache holds objects only. */
interface CacheEntry {
  key: KnownKey;
}

/** Marks an id the database does not know, in the separate negative cache. */
const UNKNOWN = true;

/**
 * Turns a presented API key into a Principal. Keys are cached for
 * AUTH_KEY_CACHE_MS, so authenticating costs no database round trip per
 * request; the price is that a key revoked through another process keeps
 * working there for up to that long. Concurrent lookups of one id share a
 * single query. Unknown ids are cached apart, so a flood of random keys
 * never evicts a valid one, and failed authentications are throttled per
 * client (AUTH_FAILURE_LIMIT) before they reach the database.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache: LRUCache<string, CacheEntry> | undefined;
  private readonly unknown: LRUCache<string, typeof UNKNOWN> | undefined;
  private readonly throttle: AuthFailureThrottle;

  constructor(
    @Inject(TASKLOOM_CONFIG) config: TaskloomConfig,
    private readonly keys: ApiKeyRepository,
  ) {
    if (config.auth.keyCacheMs > 0) {
      this.cache = new LRUCache<string, CacheEntry>({
        max: MAX_CACHED_KEYS,
        ttl: config.auth.keyCacheMs,
        // Resolving undefined stores nothing: unknown ids go to the negative cache instead.
        fetchMethod: (id) => this.load(id),
      });
      this.unknown = new LRUCache<string, typeof UNKNOWN>({ max: MAX_CACHED_KEYS, ttl: config.auth.keyCacheMs });
    }
    this.throttle = new AuthFailureThrottle(config.auth.failureLimitPerMinute);
  }

  /** `client` is the caller's address, for throttling its failures; without it nothing is throttled. */
  async authenticate(presented: ParsedApiKey | undefined, client?: string): Promise<Principal> {
    if (!presented) throw new UnauthenticatedError('an API key is required: Authorization: Bearer <key>');
    let entry = this.cache?.get(presented.id);
    if (!entry) {
      this.throttle.check(client);
      entry = this.unknown?.has(presented.id) ? undefined : await this.lookUp(presented.id);
    }
    const known = entry?.key;
    if (!known || known.revoked || !secretMatches(presented.secret, known.secretHash)) {
      this.throttle.recordFailure(client);
      throw new UnauthenticatedError('the API key is not valid');
    }
    return { keyId: presented.id, tenant: known.tenant, scopes: known.scopes };
  }

  private async lookUp(id: string): Promise<CacheEntry | undefined> {
    const entry = this.cache ? await this.cache.fetch(id) : await this.load(id);
    if (!entry) this.unknown?.set(id, UNKNOWN);
    return entry;
  }

  /** Drops a key from this process's cache, so a revocation here takes effect here at once. */
  forget(id: string): void {
    this.cache?.delete(id);
    this.unknown?.delete(id);
  }

  private async load(id: string): Promise<CacheEntry | undefined> {
    const row = await this.keys.findById(id);
    if (!row) return undefined;
    return {
      key: {
        tenant: row.tenant,
        scopes: row.scopes as ApiScope[],
        secretHash: row.secretHash,
        revoked: row.revokedAt !== null,
      },
    };
  }
}
