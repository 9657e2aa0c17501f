/**
 * Type-level test, checked by `tsc -p tsconfig.check.json` (part of `npm run lint`): a client generated from
 * docs/openapi.json with openapi-typescript (@taskloom/client's generated/openapi.d.ts, written by `npm run openapi`) types a run,
 * its tasks, the run list and the logs — not `content?: never`.
 */
import { expectTypeOf } from 'expect-type';
import type { components, operations, paths } from '@taskloom/client';

type Schemas = components['schemas'];
type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type OkBody<P extends keyof paths, M extends 'get' | 'post'> = JsonOf<
  NonNullable<paths[P][M]> extends { responses: { 200: infer R } } ? R : never
>;

type Run = OkBody<'/api/v1/runs/{id}', 'get'>;
type RunList = OkBody<'/api/v1/runs', 'get'>;
type TaskLogs = OkBody<'/api/v1/runs/{id}/tasks/{key}/logs', 'get'>;

// A run: its status, timestamps, error and tasks.
expectTypeOf<Run>().toEqualTypeOf<Schemas['Run']>();
expectTypeOf<Run['id']>().toEqualTypeOf<string>();
expectTypeOf<Run['status']>().toEqualTypeOf<
  'scheduled' | 'queued' | 'pending' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled'
>();
expectTypeOf<Run['concurrency']>().toEqualTypeOf<Schemas['RunConcurrencyKey'] | null>();
expectTypeOf<Run['finishedAt']>().toEqualTypeOf<string | null>();
expectTypeOf<Run['error']>().toEqualTypeOf<Schemas['ErrorInfo'] | null>();
expectTypeOf<Schemas['ErrorInfo']['message']>().toEqualTypeOf<string>();

// Its tasks, forEach items included.
type Task = Run['tasks'][number];
expectTypeOf<Task['key']>().toEqualTypeOf<string>();
expectTypeOf<Task['status']>().toEqualTypeOf<Schemas['TaskStatus']>();
expectTypeOf<Task['attempts']>().toEqualTypeOf<number>();
expectTypeOf<Task['kind']>().toEqualTypeOf<'task' | 'workflow' | 'foreach' | 'item' | 'sleep' | 'signal'>();
expectTypeOf<NonNullable<Task['wait']>['until']>().toEqualTypeOf<string | null>();
expectTypeOf<NonNullable<Task['items']>[number]['index']>().toEqualTypeOf<number | undefined>();

// The run list: runs without their tasks, and the cursor of the next page.
expectTypeOf<RunList['items'][number]>().toEqualTypeOf<Schemas['RunSummary']>();
expectTypeOf<RunList['items'][number]>().not.toHaveProperty('tasks');
expectTypeOf<RunList['nextCursor']>().toEqualTypeOf<string | null>();

// The logs: each attempt with its lines.
type Attempt = TaskLogs['attempts'][number];
expectTypeOf<Attempt['attempt']>().toEqualTypeOf<number>();
expectTypeOf<Attempt['logs'][number]['level']>().toEqualTypeOf<'debug' | 'info' | 'warn' | 'error'>();
expectTypeOf<Attempt['logs'][number]['msg']>().toEqualTypeOf<string>();

// Starting a run takes the typed body and answers the started run; registering takes the definition.
type StartBody = NonNullable<operations['WorkflowsController_start']['requestBody']>['content']['application/json'];
expectTypeOf<StartBody['priority']>().toEqualTypeOf<Schemas['Priority'] | undefined>();
expectTypeOf<JsonOf<operations['WorkflowsController_start']['responses'][201]>['id']>().toEqualTypeOf<string>();
type Definition = NonNullable<operations['WorkflowsController_register']['requestBody']>['content']['application/json'];
expectTypeOf<Definition['tasks'][number]['trigger']>().toEqualTypeOf<Schemas['TriggerRule'] | undefined>();

// Every error has the one shape.
expectTypeOf<JsonOf<operations['RunsController_get']['responses'][404]>>().toEqualTypeOf<Schemas['Error']>();
