import type { JsonValue } from '../json/json-value';

/** What a task's templates can see of another task: only what was recorded for it. */
export interface TaskView {
  output?: JsonValue;
  status?: string;
  error?: JsonValue;
}

/**
 * The data templates are evaluated against. Load into `tasks` exactly the
 * planned task's `referencedTasks`: expressions that read tasks they do not
 * name (`tasks.*`) see whatever is loaded.
 */
export interface TemplateScope {
  run: { id: string; input: JsonValue; tenant?: string };
  tasks: Record<string, TaskView>;
  /** The current element and its position, inside a forEach task's input. */
  item?: JsonValue;
  index?: number;
}
