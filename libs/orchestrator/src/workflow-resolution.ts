import type { ResolvedWorkflow, WorkflowRef } from '@taskloom/persistence';
import { ConflictError, NotFoundError } from './errors';

/**
 * The definition id a resolved reference names, or the error saying why
 * there is none. A workflow of another tenant that was not shared is
 * reported exactly like one that does not exist.
 */
export function workflowIdOf(ref: WorkflowRef, resolved: ResolvedWorkflow): string {
  if (resolved.ambiguous) {
    throw new ConflictError(
      `workflow ${ref.name} is shared with you by several tenants and you own none of that name: say which with "owner"`,
    );
  }
  if (resolved.id === null) {
    throw new NotFoundError(
      resolved.owner === null || ref.version === undefined
        ? `workflow ${ref.name} not found`
        : `workflow ${ref.name} version ${ref.version} not found`,
    );
  }
  return resolved.id;
}
