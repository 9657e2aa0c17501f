import type { JsonValue } from '../../generated/openapi';

const REF_PATH: unique symbol = Symbol.for('taskloom.ref-path');
declare const REF_TYPE: unique symbol;

/**
 * A typed reference to a value the engine knows only at run time (the run's
 * input, an upstream task's output, the forEach item). It is written into
 * the definition as a `{{ … }}` template; its type parameter is what the
 * value will be, so it only fits where that type is expected.
 */
export interface Ref<T> {
  readonly [REF_TYPE]?: T;
  readonly [REF_PATH]: string;
}

/** A reference you can also walk into: `tasks.fetch.output.body.items[0]`. */
export type RefTo<T> = Ref<T> & Walk<T>;

type Walk<T> = unknown extends T
  ? { readonly [key: string]: RefTo<unknown> }
  : JsonValue extends T
    ? { readonly [key: string]: RefTo<JsonValue> }
    : [NonNullable<T>] extends [readonly (infer E)[]]
      ? { readonly [index: number]: RefTo<E> }
      : [NonNullable<T>] extends [object]
        ? { readonly [K in keyof NonNullable<T> & string]-?: RefTo<NonNullable<T>[K]> }
        : unknown;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A reference to the JSONata path `path`; walking it appends names (`.name`, `` .`odd-name` ``) and indexes (`[0]`). */
export function refAt<T>(path: string): RefTo<T> {
  return new Proxy(Object.create(null) as object, {
    has: (_target, property) => property === REF_PATH,
    get(_target, property) {
      if (property === REF_PATH) return path;
      if (typeof property === 'symbol') return undefined;
      if (/^\d+$/.test(property)) return refAt(`${path}[${property}]`);
      return refAt(IDENTIFIER.test(property) ? `${path}.${property}` : `${path}.\`${property}\``);
    },
  }) as RefTo<T>;
}

const TEMPLATE_TEXT: unique symbol = Symbol.for('taskloom.template-text');

export function isRef(value: unknown): value is Ref<unknown> {
  return typeof value === 'object' && value !== null && REF_PATH in value;
}

/** What a reference is written as in the definition: `{{ tasks.fetch.output.body }}`, or a tmpl's whole text. */
export function refTemplate(ref: Ref<unknown>): string {
  const text = (ref as { [TEMPLATE_TEXT]?: string })[TEMPLATE_TEXT];
  return text ?? `{{ ${ref[REF_PATH]} }}`;
}

/** The key of a task in a path: a plain name, or backtick-quoted when it holds `-`. */
export function pathName(name: string): string {
  return IDENTIFIER.test(name) ? name : `\`${name}\``;
}

/**
 * A string with references in it: `` tmpl`order ${run.input.id} of ${run.input.who}` ``
 * becomes `"order {{ run.input.id }} of {{ run.input.who }}"`.
 */
export function tmpl(
  strings: TemplateStringsArray,
  ...values: (Ref<unknown> | string | number | boolean)[]
): Ref<string> {
  let text = strings[0]!;
  // The same string as a JSONata expression, for when the template is used inside expr``.
  const parts = [JSON.stringify(strings[0])];
  values.forEach((value, index) => {
    text += (isRef(value) ? refTemplate(value) : String(value)) + strings[index + 1]!;
    parts.push(isRef(value) ? `$string(${value[REF_PATH]})` : JSON.stringify(String(value)));
    parts.push(JSON.stringify(strings[index + 1]));
  });
  return Object.freeze({ [REF_PATH]: `(${parts.join(' & ')})`, [TEMPLATE_TEXT]: text });
}

/**
 * A JSONata expression over references, e.g. a `when` condition:
 * `` expr`${tasks.items.output.count} > 0` `` becomes
 * `"{{ tasks.items.output.count > 0 }}"`. Its type is what the expression
 * yields (boolean unless said otherwise).
 */
export function expr<T = boolean>(
  strings: TemplateStringsArray,
  ...values: (Ref<unknown> | string | number | boolean)[]
): Ref<T> {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += (isRef(value) ? value[REF_PATH] : JSON.stringify(value)) + strings[index + 1]!;
  });
  return Object.freeze({ [REF_PATH]: text });
}

/** What a value becomes in the JSON definition: a reference, its template; the rest, as it is. */
export function renderValue(value: unknown): unknown {
  if (isRef(value)) return refTemplate(value);
  if (Array.isArray(value)) return value.map(renderValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, renderValue(item)]),
    );
  }
  return value;
}
