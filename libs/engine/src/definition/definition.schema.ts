import { z } from 'zod';
import type { JsonValue } from '../json/json-value';
import { PRIORITY_CLASSES } from '../model/priority';
import { TRIGGER_RULES } from '../model/trigger-rule';
import { ON_LIMIT_POLICIES } from './workflow-definition';
import {
  MAX_DEPENDENCIES_PER_TASK,
  MAX_DURATION_MS,
  MAX_EXPRESSION_LENGTH,
  MAX_RETRY_ATTEMPTS,
  MAX_TASKS_PER_DEFINITION,
} from './limits';

export const TASK_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
export const WORKFLOW_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/i;
export const SIGNAL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

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

export const MAX_RATE_LIMIT = 1_000_000;
/** The longest rate-limit period: a day. */
export const MAX_RATE_PERIOD_MS = 86_400_000;

const rateLimit = z
  .strictObject({
    key: z
      .string()
      .min(1)
      .max(MAX_WRAPPED_EXPRESSION_LENGTH)
      .optional()
      .describe(
        'The bucket tasks share a rate under: text with templates, e.g. "{{ run.input.account }}". Absent: one bucket for every task of this task in the workflow, within the tenant.',
      ),
    limit: z.int().min(1).max(MAX_RATE_LIMIT).describe('At most this many dispatched per period per rendered key.'),
    periodMs: z.int().min(1).max(MAX_RATE_PERIOD_MS).describe('The sliding window the limit counts over, in ms.'),
  })
  .meta({
    id: 'TaskRateLimit',
    description:
      "At most `limit` tasks with the same rendered key (within the run's tenant) are dispatched in any window of `periodMs`, across every router; the others stay ready until a permit comes back. Overrides the task type's default.",
  });

const runConcurrency = z
  .strictObject({
    key: z
      .string()
      .min(1)
      .max(MAX_WRAPPED_EXPRESSION_LENGTH)
      .describe('The key runs share a limit under: text with templates on the run, e.g. "{{ run.input.customer }}".'),
    limit: z
      .int()
      .min(1)
      .max(MAX_CONCURRENCY_LIMIT)
      .describe('At most this many runs are active at once per rendered key.'),
    onLimit: z
      .enum(ON_LIMIT_POLICIES)
      .optional()
      .describe(
        'When the key is at its limit: queue (default) waits for a slot; cancel_newest cancels the new run; cancel_oldest cancels the oldest active run and starts the new one.',
      ),
  })
  .meta({
    id: 'RunConcurrency',
    description:
      "At most `limit` runs with the same rendered key (within the run's tenant) are active at once, across every router; what happens to the others is `onLimit`.",
  });

const workflowReference = z
  .union([workflowName, z.strictObject({ name: workflowName, version: z.int().positive().optional() })])
  .meta({
    id: 'WorkflowReference',
    description: 'A sub-workflow: its name (the latest version when the run starts) or a name and a version.',
  });

const signalName = z
  .string()
  .regex(
    SIGNAL_NAME_PATTERN,
    'must start with a letter or digit and hold only letters, digits, ., _, : and - (at most 128)',
  );

const sleep = z
  .strictObject({
    durationMs: duration.optional().describe('How long to wait, from the moment the task becomes ready.'),
    until: expression
      .optional()
      .describe(
        'A template giving the ISO time to wait until, e.g. "{{ run.input.notBefore }}"; a past time ends at once.',
      ),
  })
  .refine((value) => (value.durationMs === undefined) !== (value.until === undefined), {
    message: "must have exactly one of 'durationMs' and 'until'",
  })
  .meta({
    id: 'TaskSleep',
    description: 'A durable sleep: the task waits (no executor slot, no queue job) and then succeeds.',
  });

const waitFor = z
  .strictObject({
    signal: signalName.describe('The name a signal is sent under: POST /api/v1/runs/{id}/signals/{name}.'),
    timeoutMs: duration.optional().describe('How long to wait for it; then the task fails with a timeout error.'),
    schema: z
      .record(z.string(), JsonValueSchema)
      .optional()
      .describe("JSON Schema the signal's payload must match; the payload becomes the task's output."),
  })
  .meta({ id: 'TaskWaitFor', description: 'The task waits for a signal sent to its run.' });

/** The four ways a task does its work; a task has exactly one. */
const TASK_BODIES = ['type', 'workflow', 'sleep', 'waitFor'] as const;

const task = z
  .strictObject({
    key: taskKey.describe('Unique in the workflow; other tasks name it in dependsOn and templates.'),
    description: z.string().max(4_096).optional(),
    type: z.string().min(1).max(256).optional().describe('A registered task type (GET /api/v1/task-types).'),
    workflow: workflowReference.optional(),
    sleep: sleep.optional(),
    waitFor: waitFor.optional(),
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
    queueTimeoutMs: duration
      .optional()
      .describe('How long the task may stay ready or queued before it starts; then it fails (not retried).'),
    retry: retryOverride.optional(),
    resources: resources.optional(),
    affinity: z.string().min(1).max(MAX_WRAPPED_EXPRESSION_LENGTH).optional(),
    concurrency: concurrency.optional(),
    rateLimit: rateLimit.optional(),
  })
  .superRefine((value, ctx) => {
    const bodies = TASK_BODIES.filter((body) => value[body] !== undefined);
    if (bodies.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `task '${value.key}' must have exactly one of 'type' (a task type), 'workflow' (a sub-workflow), 'sleep' or 'waitFor'`,
      });
    }
    const waits = value.sleep !== undefined || value.waitFor !== undefined;
    for (const field of ['forEach', 'input', 'resources', 'affinity', 'concurrency', 'rateLimit'] as const) {
      if (waits && value[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `task '${value.key}' waits (sleep or waitFor) and takes no '${field}'`,
        });
      }
    }
    if (value.concurrency !== undefined && value.workflow !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['concurrency'],
        message: `task '${value.key}' starts a sub-workflow; a concurrency key applies to tasks of a type`,
      });
    }
    if (value.rateLimit !== undefined && value.workflow !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateLimit'],
        message: `task '${value.key}' starts a sub-workflow; a rate limit applies to tasks of a type`,
      });
    }
  })
  .meta({
    id: 'WorkflowTask',
    description: "One task: exactly one of 'type' (a task type), 'workflow', 'sleep' or 'waitFor'.",
  });

/** An event name: dotted words, e.g. order.created. */
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Event subscriptions a definition may declare. */
const MAX_EVENT_TRIGGERS = 20;

const eventTrigger = z
  .strictObject({
    event: z
      .string()
      .regex(EVENT_NAME_PATTERN, 'must start with a letter or digit and hold only letters, digits, ., _, : and -')
      .describe('The event name (POST /api/v1/events).'),
    when: expression
      .optional()
      .describe('A JSONata condition on the event, e.g. "event.payload.total > 100"; absent means every such event.'),
  })
  .meta({ id: 'EventTrigger', description: 'Start a run of the latest version when this event arrives.' });

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
        queueTimeoutMs: duration.optional(),
      })
      .optional(),
    tasks: z.array(task).min(1).max(MAX_TASKS_PER_DEFINITION),
    output: JsonValueSchema.optional(),
    on: z
      .array(eventTrigger)
      .max(MAX_EVENT_TRIGGERS)
      .optional()
      .describe('Events that start a run of this workflow, the event payload as its input.'),
    concurrency: runConcurrency.optional(),
  })
  .meta({ id: 'WorkflowDefinition', title: 'Taskloom workflow definition' });
