import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@taskloom/orchestrator';
import { ApiKeyRepository, type ApiKeyEntity } from '@taskloom/persistence';
import { generateApiKey } from './api-key';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import type { CreateApiKeyBody } from './api-key.schemas';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  /** The plaintext key is in this answer and nowhere else: only its hash is stored. */
  async create(body: CreateApiKeyBody, callerTenant: string) {
    const generated = generateApiKey();
    const row = await this.keys.create({
      id: generated.id,
      name: body.name,
      tenant: body.tenant ?? callerTenant,
      scopes: [...new Set(body.scopes)],
      secretHash: generated.secretHash,
    });
    return { ...presentKey(row), key: generated.key };
  }

  async list() {
    return { items: (await this.keys.list()).map(presentKey) };
  }

  async revoke(id: string): Promise<void> {
    const row = await this.keys.revoke(id);
    if (!row) throw new NotFoundError(`API key ${id} not found`);
    this.authenticator.forget(id);
  }
}

function presentKey(row: ApiKeyEntity) {
  return {
    id: row.id,
    name: row.name,
    tenant: row.tenant,
    scopes: row.scopes,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
