import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ApiKeyRepository } from '@taskloom/persistence';
import { hashSecret, parseApiKey, secretMatches } from './api-key';
import { DEFAULT_TENANT } from './principal';

/**
 * Seeds AUTH_BOOTSTRAP_ADMIN_KEY as the cluster operator's key (scope
 * `operator`, tenant `default`), so a fresh installation with auth on has
 * a key to create the others with. An existing key with that id is never
 * rotated or revived: a revoked bootstrap key stays revoked across
 * restarts. One seeded before the `operator` scope existed gains it, so
 * the same key keeps the powers it had over every tenant.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminKey.name);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly keys: ApiKeyRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const configured = this.config.auth.bootstrapAdminKey;
    if (!configured) {
      if (this.config.auth.enabled)
        this.logger.warn('AUTH_ENABLED is on without AUTH_BOOTSTRAP_ADMIN_KEY: only keys already created will work');
      return;
    }
    // The config schema already checked the shape.
    const { id, secret } = parseApiKey(configured)!;
    const secretHash = hashSecret(secret);
    const inserted = await this.keys.insertIfAbsent({
      id,
      name: 'bootstrap admin',
      tenant: DEFAULT_TENANT,
      scopes: ['operator'],
      secretHash,
    });
    if (inserted) {
      this.logger.log(`seeded the bootstrap admin key ${id}`);
      return;
    }
    const existing = await this.keys.findById(id);
    if (existing?.revokedAt) this.logger.warn(`the bootstrap admin key ${id} was revoked; it stays revoked`);
    else if (existing && !secretMatches(secret, existing.secretHash)) {
      this.logger.warn(
        `a key with the id of AUTH_BOOTSTRAP_ADMIN_KEY exists with another secret; the configured key will not work`,
      );
    } else if (existing && !existing.scopes.includes('operator')) {
      await this.keys.grantScope(id, 'operator');
      this.logger.log(`the bootstrap admin key ${id} now has the operator scope`);
    }
  }
}
