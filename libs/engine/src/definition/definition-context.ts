import type { JsonValue } from '../json/json-value';
import type { DefinitionIssue } from './definition-error';

/** What validation needs to know about the outside world: the registered task types. */
export interface DefinitionContext {
  isKnownTaskType(type: string): boolean;
  /**
   * Checks a static input (one with no `{{ }}` template; `{}` when the task
   * has none) against the type's input schema. Issue paths are relative to
   * the input, e.g. `sku` or `[0].sku`.
   */
  validateTaskInput?(type: string, input: JsonValue): DefinitionIssue[];
}
