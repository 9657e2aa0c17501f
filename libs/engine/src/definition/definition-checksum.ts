import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * SHA-256 (hex) of the definition's canonical JSON, so registering the same
 * definition with its keys in another order is recognised as identical.
 */
export function definitionChecksum(def: WorkflowDefinition): string {
  return createHash('sha256').update(canonicalJson(def)).digest('hex');
}
