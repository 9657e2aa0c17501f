import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ApiKeyRepository } from '@taskloom/persistence';
import { LRUCache } from 'lru-cache';
import { secretMatches, type ParsedApiKey } from './api-key';
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

/** lru-cache holds objects only, so a key that does not exist is cached as `{ key: null }`. */
interface CacheEntry {
  key: KnownKey | null;
}

/**
 * Turns a presented API key into a Principal. Keys are cached for
 * AUTH_KEY_CACHE_MS, unknown ids included, so authenticating costs no
 * database round trip per request; the price is that a key revoked through
 * another process keeps working there for up to that long. Concurrent
 * lookups of one id share a single query.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache: LRUCache<string, CacheEntry> | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) config: TaskloomConfig,
    private readonly keys: ApiKeyRepository,
  ) {
    if (config.auth.keyCacheMs > 0) {
      this.cache = new LRUCache<string, CacheEntry>({
        max: MAX_CACHED_KEYS,
        ttl: config.auth.keyCacheMs,
        fetchMethod: (id) => this.load(id),
      });
    }
  }

  async authenticate(presented: ParsedApiKey | undefined): Promise<Principal> {
    if (!presented) throw new UnauthenticatedError('an API key is required: Authorization: Bearer <key>');
    const entry = this.cache ? await this.cache.fetch(presented.id) : await this.load(presented.id);
    const known = entry?.key;
    if (!known || known.revoked || !secretMatches(presented.secret, known.secretHash)) {
      throw new UnauthenticatedError('the API key is not valid');
    }
    return { keyId: presented.id, tenant: known.tenant, scopes: known.scopes };
  }

  /** Drops a key from this process's cache, so a revocation here takes effect here at once. */
  forget(id: string): void {
    this.cache?.delete(id);
  }

  private async load(id: string): Promise<CacheEntry> {
    const row = await this.keys.findById(id);
    if (!row) return { key: null };
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
