import type { ResourceProfile } from '../resources/resource-profile';
import { toTaskJsonSchema } from './json-schema';
import type {
  AnyTaskType,
  BatchOptions,
  IsolationMode,
  JsonSchema,
  RateLimitDefaults,
  RetryDefaults,
} from './task-type';

/** A task type as plain JSON: what executors publish and `GET /task-types` serves. */
export interface TaskTypeDescriptor {
  type: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  resources: ResourceProfile;
  retry?: RetryDefaults;
  rateLimit?: RateLimitDefaults;
  isolation: IsolationMode;
  batch?: BatchOptions;
}

/** JSON Schemas come from the SDK copy that defined the type (computed once); older copies without them get them computed here. */
export function describeTaskType(taskType: AnyTaskType): TaskTypeDescriptor {
  return {
    type: taskType.type,
    description: taskType.description,
    inputSchema: structuredClone(
      taskType.jsonSchema?.input ?? toTaskJsonSchema(taskType.type, 'input', taskType.input),
    ),
    outputSchema: structuredClone(
      taskType.jsonSchema?.output ?? toTaskJsonSchema(taskType.type, 'output', taskType.output),
    ),
    resources: { ...taskType.resources },
    ...(taskType.retry ? { retry: { ...taskType.retry } } : {}),
    ...(taskType.rateLimit ? { rateLimit: { ...taskType.rateLimit } } : {}),
    isolation: taskType.isolation,
    ...(taskType.batch ? { batch: { ...taskType.batch } } : {}),
  };
}
