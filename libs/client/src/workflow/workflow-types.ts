import type { AnyTaskType, TaskType } from '@taskloom/sdk';
import type { components, JsonValue } from '../../generated/openapi';
import type { Ref, RefTo } from './ref';

export type WorkflowTaskJson = components['schemas']['WorkflowTask'];
export type WorkflowDefinitionJson = components['schemas']['WorkflowDefinition'];

/** A value as a definition may write it: itself, or a reference to a value of its type, at any depth. */
export type Templated<T> =
  | Ref<T>
  | (T extends readonly (infer E)[]
      ? readonly Templated<E>[]
      : T extends object
        ? { [K in keyof T]: Templated<T[K]> }
        : T);

/** What a task's input may be, given its type: the task type's own input, templated. */
export type InputOf<TT> = TT extends TaskType<unknown, unknown, infer In> ? Templated<In> : never;
export type OutputOf<TT> = TT extends TaskType<unknown, infer O, unknown> ? O : never;

/** What a task's templates see: the run, and the tasks it descends from (the engine allows only ancestors). */
export interface Scope<Input, Visible> {
  run: { input: RefTo<Input>; id: Ref<string> };
  tasks: { [K in keyof Visible]: { output: RefTo<Visible[K]>; status: Ref<string> } };
}

/** Inside a forEach task: also the current item and its index. */
export interface ItemScope<Input, Visible, Item> extends Scope<Input, Visible> {
  item: RefTo<Item>;
  index: Ref<number>;
}

/** The per-task settings that pass through to the definition unchanged. */
export type TaskSettings = Pick<
  WorkflowTaskJson,
  'description' | 'trigger' | 'priority' | 'timeoutMs' | 'retry' | 'resources' | 'affinity'
>;

/** A condition: a bare JSONata expression (`tasks.items.output.count > 0`) or a reference to a boolean. */
export type Condition = string | Ref<boolean>;

/** `input` may be left out only when the task type's input needs nothing. */
type InputField<Value> = [{}] extends [Value] ? { input?: Value } : { input: Value }; // eslint-disable-line @typescript-eslint/no-empty-object-type

/** `.task(key, spec)`: a task of `type`, after `dependsOn`, its input built from what its ancestors output. */
export type TaskSpec<TT extends AnyTaskType, Input, D extends string, Visible> = TaskSettings & {
  type: TT;
  dependsOn?: readonly D[];
  when?: Condition | ((scope: Scope<Input, Visible>) => Condition);
} & InputField<InputOf<TT> | ((scope: Scope<Input, Visible>) => InputOf<TT>)>;

/** `.forEach(key, spec)`: one child task per element of `items`; its output is the array of their outputs. */
export type ForEachSpec<TT extends AnyTaskType, Input, D extends string, Visible, Item> = TaskSettings & {
  type: TT;
  dependsOn?: readonly D[];
  when?: Condition | ((scope: Scope<Input, Visible>) => Condition);
  items: (scope: Scope<Input, Visible>) => Ref<readonly Item[]>;
  input: (scope: ItemScope<Input, Visible, Item>) => InputOf<TT>;
};

export type { JsonValue };

/**
 * `.subWorkflow(key, spec)`: a task that runs another workflow; its output is
 * that run's output. Given the child's builder, `input` is typed by the
 * child's input; given a name (or `{ name, version }`), it is any JSON.
 */
export type SubWorkflowSpec<ChildInput, Input, D extends string, Visible> = TaskSettings & {
  workflow: { readonly name: string; readonly childInput?: ChildInput } | string | WorkflowReferenceJson;
  dependsOn?: readonly D[];
  when?: Condition | ((scope: Scope<Input, Visible>) => Condition);
  input?: Templated<ChildInput> | ((scope: Scope<Input, Visible>) => Templated<ChildInput>);
};

export type WorkflowReferenceJson = Exclude<NonNullable<WorkflowTaskJson['workflow']>, string>;
