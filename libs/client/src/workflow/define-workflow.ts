import { createRequire } from 'node:module';
import type { AnyTaskType } from '@taskloom/sdk';
import type { z } from 'zod';
import { pathName, refAt, renderValue } from './ref';
import type {
  Condition,
  ForEachSpec,
  JsonValue,
  OutputOf,
  Scope,
  SubWorkflowSpec,
  TaskSpec,
  Templated,
  WorkflowDefinitionJson,
  WorkflowTaskJson,
} from './workflow-types';

const WORKFLOW_BUILDER: unique symbol = Symbol.for('taskloom.workflow-builder');

/** The workflow-level fields of a definition; `inputSchema` may be a zod schema, which also types `run.input`. */
export interface WorkflowOptions<S> {
  name: string;
  description?: string;
  inputSchema?: S;
  defaults?: WorkflowDefinitionJson['defaults'];
}

/** No tasks yet. */
type None = Record<never, never>;
type InputFrom<S> = S extends z.ZodType ? z.input<S> : JsonValue;
/** A key already used is `never`, so a second task under it does not compile. */
type NewKey<K extends string, Outputs> = K extends keyof Outputs ? never : K;
type Visible<Outputs, Ancestors, D extends keyof Ancestors> = Pick<Outputs, Extract<D | Ancestors[D], keyof Outputs>>;

/**
 * Builds a workflow definition in TypeScript. Each `.task()` names a task
 * type defined with the SDK's defineTask, so its `input` is checked against
 * that type's input schema; `dependsOn` accepts only keys declared before
 * (so the graph has no cycle and no unknown key); templates are written as
 * typed references to the run's input and to ancestors' outputs. The
 * builder emits exactly the JSON the api registers (`toDefinition()`,
 * also what JSON.stringify writes).
 *
 * @example
 * export const greet = defineWorkflow({ name: 'greet', inputSchema: z.object({ who: z.string() }) })
 *   .task('wait', { type: sleep, input: { ms: 10 } })
 *   .task('say', { type: noop, dependsOn: ['wait'], input: ({ run }) => ({ text: tmpl`hello ${run.input.who}` }) })
 *   .output(({ tasks }) => ({ said: tasks.say.output }));
 */
export function defineWorkflow<S = JsonValue>(options: WorkflowOptions<S>): WorkflowBuilder<InputFrom<S>, None, None> {
  return new WorkflowBuilder(head(options), []);
}

export class WorkflowBuilder<Input, Outputs extends object, Ancestors extends Record<keyof Outputs, string>> {
  readonly [WORKFLOW_BUILDER] = true;

  /** @internal use defineWorkflow() */
  constructor(
    private readonly head: Omit<WorkflowDefinitionJson, 'tasks'>,
    private readonly tasks: readonly WorkflowTaskJson[],
  ) {}

  get name(): string {
    return this.head.name;
  }

  /** Never set: carries the run input's type, so a parent's `.subWorkflow()` can check the input it passes. */
  declare readonly childInput?: Input;

  /** A task of a task type; its output type is the type's output, for the tasks after it. */
  task<K extends string, TT extends AnyTaskType, D extends keyof Outputs & string = never>(
    key: NewKey<K, Outputs>,
    spec: TaskSpec<TT, Input, D, Visible<Outputs, Ancestors, D>>,
  ): WorkflowBuilder<Input, Outputs & { [P in K]: OutputOf<TT> }, Ancestors & { [P in K]: D | Ancestors[D] }> {
    const { type, dependsOn, when, input, ...settings } = spec;
    const scope = scopeFor<Input, Visible<Outputs, Ancestors, D>>();
    return this.with({
      key,
      type: type.type,
      ...definedDependsOn(dependsOn),
      ...(input === undefined ? {} : { input: renderValue(built(input, scope)) }),
      ...whenOf(when, scope),
      ...settings,
    });
  }

  /** One child task per element of `items`; the task's output is the array of their outputs, in order. */
  forEach<K extends string, TT extends AnyTaskType, Item, D extends keyof Outputs & string = never>(
    key: NewKey<K, Outputs>,
    spec: ForEachSpec<TT, Input, D, Visible<Outputs, Ancestors, D>, Item>,
  ): WorkflowBuilder<Input, Outputs & { [P in K]: OutputOf<TT>[] }, Ancestors & { [P in K]: D | Ancestors[D] }> {
    const { type, dependsOn, when, items, input, ...settings } = spec;
    const scope = scopeFor<Input, Visible<Outputs, Ancestors, D>>();
    const itemScope = { ...scope, item: refAt<Item>('item'), index: refAt<number>('index') };
    return this.with({
      key,
      type: type.type,
      ...definedDependsOn(dependsOn),
      forEach: renderValue(items(scope)) as string,
      input: renderValue(input(itemScope)),
      ...whenOf(when, scope),
      ...settings,
    });
  }

  /** A task that runs another workflow (a sub-run); its output is that run's output. */
  subWorkflow<K extends string, ChildInput = JsonValue, D extends keyof Outputs & string = never>(
    key: NewKey<K, Outputs>,
    spec: SubWorkflowSpec<ChildInput, Input, D, Visible<Outputs, Ancestors, D>>,
  ): WorkflowBuilder<Input, Outputs & { [P in K]: JsonValue }, Ancestors & { [P in K]: D | Ancestors[D] }> {
    const { workflow, dependsOn, when, input, ...settings } = spec;
    const scope = scopeFor<Input, Visible<Outputs, Ancestors, D>>();
    const reference = typeof workflow === 'string' ? workflow : isWorkflowBuilder(workflow) ? workflow.name : workflow;
    return this.with({
      key,
      workflow: reference,
      ...definedDependsOn(dependsOn),
      ...(input === undefined ? {} : { input: renderValue(built(input, scope)) }),
      ...whenOf(when, scope),
      ...settings,
    });
  }

  /** The run's output, built from any task's output. */
  output(build: (scope: Scope<Input, Outputs>) => Templated<JsonValue>): WorkflowBuilder<Input, Outputs, Ancestors> {
    const scope = scopeFor<Input, Outputs>();
    return new WorkflowBuilder({ ...this.head, output: renderValue(build(scope)) as JsonValue }, this.tasks);
  }

  /** The JSON definition, exactly as `POST /api/v1/workflows` takes it. */
  toDefinition(): WorkflowDefinitionJson {
    const { output, ...rest } = this.head;
    return JSON.parse(
      JSON.stringify({ ...rest, tasks: this.tasks, ...(output === undefined ? {} : { output }) }),
    ) as WorkflowDefinitionJson;
  }

  toJSON(): WorkflowDefinitionJson {
    return this.toDefinition();
  }

  // The builder's type parameters exist only at compile time; each step returns a new, wider-typed builder.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private with(task: Record<string, unknown>): any {
    return new WorkflowBuilder(this.head, [...this.tasks, task as WorkflowTaskJson]);
  }
}

/** True for what defineWorkflow() built, by any copy of this package. */
export function isWorkflowBuilder(value: unknown): value is WorkflowBuilder<unknown, object, never> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WORKFLOW_BUILDER] === true;
}

function head<S>(options: WorkflowOptions<S>): Omit<WorkflowDefinitionJson, 'tasks'> {
  const { inputSchema, ...rest } = options;
  if (inputSchema === undefined) return rest;
  // By shape, not instanceof: the caller's zod may be another copy than the SDK's.
  const schema = isZodSchema(inputSchema)
    ? loadZod().toJSONSchema(inputSchema, { io: 'input', target: 'draft-2020-12' })
    : (inputSchema as Record<string, JsonValue>);
  return { ...rest, inputSchema: schema as Record<string, JsonValue> };
}

/**
 * zod only when a zod schema was given (so it is loaded already): it takes a
 * third of a second to load, which every CLI call that reads or runs would
 * otherwise pay.
 */
function loadZod(): typeof z {
  return createRequire(__filename)('zod') as typeof z;
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** A spec field given as a value or as a function of the scope it is built in. */
type BuiltFrom<S, V> = V | ((scope: S) => V);

function isBuilder<S, V>(field: BuiltFrom<S, V>): field is (scope: S) => V {
  return typeof field === 'function';
}

function built<S, V>(field: BuiltFrom<S, V>, scope: S): V {
  return isBuilder(field) ? field(scope) : field;
}

function scopeFor<Input, Visible>(): Scope<Input, Visible> {
  const tasks = new Proxy({} as Scope<Input, Visible>['tasks'], {
    get: (_target, key) =>
      typeof key === 'string'
        ? { output: refAt(`tasks.${pathName(key)}.output`), status: refAt(`tasks.${pathName(key)}.status`) }
        : undefined,
  });
  return { run: { input: refAt<Input>('run.input'), id: refAt<string>('run.id') }, tasks };
}

function definedDependsOn(dependsOn: readonly string[] | undefined): { dependsOn?: string[] } {
  return dependsOn && dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {};
}

function whenOf<S>(when: BuiltFrom<S, Condition> | undefined, scope: S): { when?: string } {
  if (when === undefined) return {};
  return { when: renderValue(built(when, scope)) as string };
}
