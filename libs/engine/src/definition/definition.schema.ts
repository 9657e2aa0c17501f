import { z } from 'zod';
import { PRIORITY_CLASSES } from '../model/priority';
import { TRIGGER_RULES } from '../model/trigger-rule';
import {
  MAX_DEPENDENCIES_PER_TASK,
  MAX_DURATION_MS,
  MAX_EXPRESSION_LENGTH,
  MAX_RETRY_ATTEMPTS,
  MAX_TASKS_PER_DEFINITION,
} from './limits';

export const TASK_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
export const WORKFLOW_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/i;

// Braces around a `{{ }}`-wrapped when/forEach are allowed on top of the expression limit.
const MAX_WRAPPED_EXPRESSION_LENGTH = MAX_EXPRESSION_LENGTH + 8;

const taskKey = z
  .string()
  .regex(TASK_KEY_PATTERN, 'must start with a letter or _ and hold only letters, digits, _ and - (at most 128)')
  // Plain-object maps keyed by task key would have their prototype replaced.
  .refine((key) => key !== '__proto__', 'is reserved');

const workflowName = z
  .string()
  .regex(
    WORKFLOW_NAME_PATTERN,
    'must start with a letter or digit and hold only letters, digits, ., _ and - (at most 128)',
  );

const duration = z.int().min(1).max(MAX_DURATION_MS);
const priority = z.enum(PRIORITY_CLASSES);
const expression = z.string().min(1).max(MAX_WRAPPED_EXPRESSION_LENGTH);

const retryOverride = z.strictObject({
  maxAttempts: z.int().min(1).max(MAX_RETRY_ATTEMPTS).optional(),
  backoff: z.enum(['fixed', 'exponential']).optional(),
  delayMs: z.int().min(0).max(MAX_DURATION_MS).optional(),
  maxDelayMs: z.int().min(0).max(MAX_DURATION_MS).optional(),
  jitter: z.boolean().optional(),
});

const resources = z.strictObject({
  profile: z.string().min(1).max(64).optional(),
  cpu: z.number().positive().max(1024).optional(),
  memoryMb: z
    .int()
    .positive()
    .max(16 * 1024 * 1024)
    .optional(),
});

const workflowReference = z.union([
  workflowName,
  z.strictObject({ name: workflowName, version: z.int().positive().optional() }),
]);

const task = z
  .strictObject({
    key: taskKey,
    description: z.string().max(4_096).optional(),
    type: z.string().min(1).max(256).optional(),
    workflow: workflowReference.optional(),
    input: z.json().optional(),
    dependsOn: z.array(taskKey).max(MAX_DEPENDENCIES_PER_TASK).optional(),
    trigger: z.enum(TRIGGER_RULES).optional(),
    when: expression.optional(),
    forEach: expression.optional(),
    priority: priority.optional(),
    timeoutMs: duration.optional(),
    retry: retryOverride.optional(),
    resources: resources.optional(),
    affinity: z.string().min(1).max(MAX_WRAPPED_EXPRESSION_LENGTH).optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.type === undefined) === (value.workflow === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `task '${value.key}' must have exactly one of 'type' (a task type) or 'workflow' (a sub-workflow)`,
      });
    }
  });

/**
 * Shape of a workflow definition. Objects are strict so a misspelt property
 * is reported instead of silently ignored. Graph rules (unknown or cyclic
 * dependencies, template references) are checked by `validateDefinition`.
 */
export const WorkflowDefinitionSchema = z.strictObject({
  name: workflowName,
  description: z.string().max(4_096).optional(),
  inputSchema: z.record(z.string(), z.json()).optional(),
  defaults: z
    .strictObject({
      priority: priority.optional(),
      timeoutMs: duration.optional(),
      retry: retryOverride.optional(),
      runTimeoutMs: duration.optional(),
    })
    .optional(),
  tasks: z.array(task).min(1).max(MAX_TASKS_PER_DEFINITION),
  output: z.json().optional(),
});
