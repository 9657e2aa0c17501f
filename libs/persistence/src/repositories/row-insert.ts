/**
 * Builds a bulk INSERT from a row definition (new-rows.ts): every field of
 * the row type has a column spec, and the statement's columns, SELECT
 * expressions and array parameters all come from those specs, so they
 * cannot disagree and a new field cannot be forgotten in one of them.
 * Arrays, not one parameter per value: one statement whatever the count.
 */

/** The PostgreSQL types a row field travels as (one array parameter per field). */
export type PgType = 'uuid' | 'text' | 'smallint' | 'int' | 'bigint' | 'bool' | 'jsonb' | 'timestamptz';

export interface ColumnSpec<V> {
  type: PgType;
  /** How one value is sent; by default as it is, undefined as NULL. */
  encode?: (value: V) => unknown;
  /**
   * The columns this field fills, each with its expression over the
   * unnested row `r` (whose names are the fields' snake_case names). By
   * default the field fills the column of its own name with `r.<name>`.
   */
  into?: Readonly<Record<string, string>>;
}

/** One spec per field: adding a field to the row type without a spec does not compile. */
export type RowSpec<R> = { readonly [K in keyof R]-?: ColumnSpec<R[K]> };

export interface TableSpec<R> {
  table: string;
  fields: RowSpec<R>;
  /** Columns every row gets the same SQL expression for (a new run's status). */
  fixed?: Readonly<Record<string, string>>;
}

export interface Statement {
  text: string;
  params: unknown[];
}

export function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

interface Shape {
  /** Field names in spec order. */
  fields: string[];
  columns: string;
  selects: string;
  /** The array parameters' element types, in field order. */
  types: PgType[];
  aliases: string;
}

const shapes = new WeakMap<object, Shape>();

function shapeOf<R>(spec: TableSpec<R>): Shape {
  let shape = shapes.get(spec);
  if (shape) return shape;
  const fields = Object.keys(spec.fields);
  const columns: string[] = [];
  const selects: string[] = [];
  const types: PgType[] = [];
  for (const field of fields) {
    const column = spec.fields[field as keyof R] as ColumnSpec<unknown>;
    const name = snakeCase(field);
    types.push(column.type);
    for (const [target, expression] of Object.entries(column.into ?? { [name]: `r.${name}` })) {
      columns.push(target);
      selects.push(expression);
    }
  }
  for (const [target, expression] of Object.entries(spec.fixed ?? {})) {
    columns.push(target);
    selects.push(expression);
  }
  shape = {
    fields,
    columns: columns.join(', '),
    selects: selects.join(', '),
    types,
    aliases: fields.map(snakeCase).join(', '),
  };
  shapes.set(spec, shape);
  return shape;
}

/**
 * `INSERT INTO <table> (…) SELECT … FROM unnest(…) AS r(…)`, parameters
 * numbered from `first` so the statement can be composed into a larger one;
 * the caller appends what follows (WHERE over `r`, ON CONFLICT, RETURNING).
 */
export function buildInsert<R>(spec: TableSpec<R>, rows: readonly R[], first = 1): Statement {
  const shape = shapeOf(spec);
  const parameters = shape.types.map((type, index) => `$${first + index}::${type}[]`).join(', ');
  const params = shape.fields.map((field) => {
    const column = spec.fields[field as keyof R] as ColumnSpec<unknown>;
    const encode = column.encode ?? ((value: unknown) => value ?? null);
    return rows.map((row) => encode(row[field as keyof R]));
  });
  return {
    text: `INSERT INTO ${spec.table} (${shape.columns})
           SELECT ${shape.selects}
             FROM unnest(${parameters}) AS r(${shape.aliases})`,
    params,
  };
}
