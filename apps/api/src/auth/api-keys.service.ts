import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@taskloom/orchestrator';
import { ApiKeyRepository, type ApiKeyListRow } from '@taskloom/persistence';
import { decodeCursor, TimeKeyCursor, timeKeyCursor } from '../common/page-cursor';
import { generateApiKey } from './api-key';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import type { ApiKeyListQuery, CreateApiKeyBody } from './api-key.schemas';
import { ForbiddenError } from './auth.errors';
import type { Principal } from './principal';
import { grants } from './scopes';

/**
 * Keys are managed within the caller's tenant; only an `operator` key
 * crosses tenants (creating keys for another tenant, listing or revoking
 * every key) or hands out or takes away `operator` (ADR 0014). Another
 * tenant's key answers 404, like one that does not exist.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  /** The plaintext key is in this answer and nowhere else: only its hash is stored. */
  async create(body: CreateApiKeyBody, caller: Principal) {
    const tenant = body.tenant ?? caller.tenant;
    const operator = isOperator(caller);
    if (tenant !== caller.tenant && !operator) {
      throw new ForbiddenError(`only an operator key creates keys for another tenant than its own (${caller.tenant})`);
    }
    if (body.scopes.includes('operator') && !operator) {
      throw new ForbiddenError('only an operator key creates keys with the "operator" scope');
    }
    const generated = generateApiKey();
    const row = await this.keys.create({
      id: generated.id,
      name: body.name,
      tenant,
      scopes: [...new Set(body.scopes)],
      secretHash: generated.secretHash,
    });
    return { ...presentKey(row), key: generated.key };
  }

  async list(query: ApiKeyListQuery, caller: Principal) {
    if (query.tenant !== undefined && query.tenant !== caller.tenant && !isOperator(caller)) {
      throw new ForbiddenError(`only an operator key lists another tenant's keys than its own (${caller.tenant})`);
    }
    const page = await this.keys.list({
      tenant: isOperator(caller) ? query.tenant : caller.tenant,
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor, TimeKeyCursor) : undefined,
    });
    const last = page.items.at(-1);
    return { items: page.items.map(presentKey), nextCursor: page.more && last ? timeKeyCursor(last) : null };
  }

  async revoke(id: string, caller: Principal): Promise<void> {
    const operator = isOperator(caller);
    const key = await this.keys.findById(id);
    if (!key || (key.tenant !== caller.tenant && !operator)) throw new NotFoundError(`API key ${id} not found`);
    if (key.scopes.includes('operator') && !operator) {
      throw new ForbiddenError('only an operator key revokes a key with the "operator" scope');
    }
    await this.keys.revoke(id);
    this.authenticator.forget(id);
  }
}

function isOperator(caller: Principal): boolean {
  return grants(caller.scopes, 'operator');
}

function presentKey(row: Omit<ApiKeyListRow, 'cursorAt'>) {
  return {
    id: row.id,
    name: row.name,
    tenant: row.tenant,
    scopes: row.scopes,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
