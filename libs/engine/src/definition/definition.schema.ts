import { z } from 'zod';
import type { JsonValue } from '../json/json-value';
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

// The ids below name these shapes where they are published: the OpenAPI document's components and the
// definition's JSON Schema (one schema, no copy), so generated clients and editors see the same names.
export const PrioritySchema = z
  .enum(PRIORITY_CLASSES)
  .meta({ id: 'Priority', description: 'A priority class: critical tasks are dispatched first, low ones last.' });
const priority = PrioritySchema;

/** Any JSON value: one named, recursive schema wherever a definition holds free JSON (z.json() would be anonymous). */
export const JsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(JsonValueSchema),
      z.record(z.string(), JsonValueSchema),
    ]),
  )
  .meta({ id: 'JsonValue', description: 'Any JSON value.' });
const expression = z.string().min(1).max(MAX_WRAPPED_EXPRESSION_LENGTH);

const retryOverride = z
  .strictObject({
    maxAttempts: z.int().min(1).max(MAX_RETRY_ATTEMPTS).optional(),
    backoff: z.enum(['fixed', 'exponential']).optional(),
    delayMs: z.int().min(0).max(MAX_DURATION_MS).optional(),
    maxDelayMs: z.int().min(0).max(MAX_DURATION_MS).optional(),
    jitter: z.boolean().optional(),
  })
  .meta({ id: 'RetryPolicy', description: "Overrides of the task type's retry policy; unset fields keep it." });

const resources = z
  .strictObject({
    profile: z.string().min(1).max(64).optional(),
    cpu: z.number().positive().max(1024).optional(),
    memoryMb: z
      .int()
      .positive()
      .max(16 * 1024 * 1024)
      .optional(),
  })
  .meta({ id: 'TaskResources', description: 'What one attempt needs: a named profile or cpu and memory.' });

export const MAX_CONCURRENCY_LIMIT = 1_000_000;

const concurrency = z
  .strictObject({
    key: z
      .string()
      .min(1)
      .max(MAX_WRAPPED_EXPRESSION_LENGTH)
      .describe('The key tasks share a limit under: text with templates, e.g. "{{ run.input.customer }}".'),
    limit: z.int().min(1).max(MAX_CONCURRENCY_LIMIT).describe('At most this many run at once per rendered key.'),
  })
  .meta({
    id: 'TaskConcurrency',
    description:
      "At most `limit` tasks with the same rendered key (within the run's tenant) are queued or running at once, across every router and executor; the others wait in dispatch order.",
  });

const workflowReference = z
  .union([workflowName, z.strictObject({ name: workflowName, version: z.int().positive().optional() })])
  .meta({
    id: 'WorkflowReference',
    description: 'A sub-workflow: its name (the latest version when the run starts) or a name and a version.',
  });

const task = z
  .strictObject({
    key: taskKey.describe('Unique in the workflow; other tasks name it in dependsOn and templates.'),
    description: z.string().max(4_096).optional(),
    type: z.string().min(1).max(256).optional().describe('A registered task type (GET /api/v1/task-types).'),
    workflow: workflowReference.optional(),
    input: JsonValueSchema.optional().describe(
      'The task input: JSON whose strings may hold templates, e.g. "{{ run.input.url }}", "{{ tasks.fetch.output.body }}", "{{ item }}".',
    ),
    dependsOn: z
      .array(taskKey)
      .max(MAX_DEPENDENCIES_PER_TASK)
      .optional()
      .describe('Keys of the tasks this one waits for; together they form a DAG (no cycles).'),
    trigger: z
      .enum(TRIGGER_RULES)
      .meta({
        id: 'TriggerRule',
        description: "When the task runs given its parents' outcomes; all_success by default.",
      })
      .optional(),
    when: expression.optional().describe("A JSONata condition on ancestors' outputs; false means the task is skipped."),
    forEach: expression
      .optional()
      .describe('Fan-out: a template giving an array produced upstream; one item per element, "{{ item }}" in input.'),
    priority: priority.optional(),
    timeoutMs: duration.optional(),
    retry: retryOverride.optional(),
    resources: resources.optional(),
    affinity: z.string().min(1).max(MAX_WRAPPED_EXPRESSION_LENGTH).optional(),
    concurrency: concurrency.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.type === undefined) === (value.workflow === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `task '${value.key}' must have exactly one of 'type' (a task type) or 'workflow' (a sub-workflow)`,
      });
    }
    if (value.concurrency !== undefined && value.workflow !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['concurrency'],
        message: `task '${value.key}' starts a sub-workflow; a concurrency key applies to tasks of a type`,
      });
    }
  })
  .meta({ id: 'WorkflowTask', description: "One task: exactly one of 'type' (a task type) or 'workflow'." });

/**
 * Shape of a workflow definition. Objects are strict so a misspelt property
 * is reported instead of silently ignored. Graph rules (unknown or cyclic
 * dependencies, template references) are checked by `validateDefinition`.
 */
export const WorkflowDefinitionSchema = z
  .strictObject({
    name: workflowName,
    description: z.string().max(4_096).optional(),
    inputSchema: z.record(z.string(), JsonValueSchema).optional(),
    defaults: z
      .strictObject({
        priority: priority.optional(),
        timeoutMs: duration.optional(),
        retry: retryOverride.optional(),
        runTimeoutMs: duration.optional(),
      })
      .optional(),
    tasks: z.array(task).min(1).max(MAX_TASKS_PER_DEFINITION),
    output: JsonValueSchema.optional(),
  })
  .meta({ id: 'WorkflowDefinition', title: 'Taskloom workflow definition' });
