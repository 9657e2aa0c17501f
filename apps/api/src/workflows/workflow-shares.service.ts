import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '@taskloom/orchestrator';
import { WorkflowDefinitionRepository, WorkflowShareRepository, type WorkflowShareRow } from '@taskloom/persistence';
import { ForbiddenError } from '../auth/auth.errors';

/**
 * A tenant shares its workflow with another tenant by name: the grantee can
 * read every version and start runs of it, under its own tenancy, but
 * never register a version of it (ADR 0014). Only the owner manages its
 * shares.
 */
@Injectable()
export class WorkflowSharesService {
  constructor(
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly shares: WorkflowShareRepository,
  ) {}

  async share(name: string, owner: string, grantee: string) {
    await this.assertOwned(name, owner);
    if (grantee === owner) {
      throw new ValidationError(`a workflow is always visible to its own tenant (${owner})`, [
        { path: 'tenant', message: 'share with another tenant than your own' },
      ]);
    }
    const { share, created } = await this.shares.share(owner, name, grantee);
    return { share: presentShare(share), created };
  }

  async unshare(name: string, owner: string, grantee: string): Promise<void> {
    await this.assertOwned(name, owner);
    if (!(await this.shares.unshare(owner, name, grantee))) {
      throw new NotFoundError(`workflow ${name} is not shared with ${grantee}`);
    }
  }

  async list(name: string, owner: string) {
    await this.assertOwned(name, owner);
    return { items: (await this.shares.list(owner, name)).map(presentShare) };
  }

  /** A workflow shared with the caller is visible, so refusing it is a 403; one it cannot see at all is a 404. */
  private async assertOwned(name: string, tenant: string): Promise<void> {
    const resolved = await this.definitions.resolve({ tenant, name });
    if (resolved.owner === tenant) return;
    if (resolved.owner !== null || resolved.ambiguous) {
      throw new ForbiddenError(`workflow ${name} was shared with you read-only; only its owner manages its shares`);
    }
    throw new NotFoundError(`workflow ${name} not found`);
  }
}

function presentShare(row: WorkflowShareRow) {
  return { name: row.name, tenant: row.grantee, createdAt: row.createdAt };
}
