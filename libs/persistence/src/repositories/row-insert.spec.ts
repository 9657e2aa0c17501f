import { insertRunsStatement, insertTasksStatement, RUN_ROW, TASK_ROW, type NewRunRow } from './new-rows';
import { buildInsert, snakeCase, type TableSpec } from './row-insert';

const run: NewRunRow = {
  id: 'r1',
  definitionId: 'd1',
  workflowName: 'wf',
  workflowVersion: 3,
  priority: 2,
  input: undefined,
  tenant: 't',
  idempotencyKey: null,
  tags: ['a', 'b'],
  parentTaskId: null,
  tasksRemaining: 4,
  deadlineAt: null,
};

/** The names between the first pair of parentheses after `marker`, split on commas. */
function listAfter(text: string, marker: string): string[] {
  const start = text.indexOf('(', text.indexOf(marker)) + 1;
  let depth = 1;
  let end = start;
  while (depth > 0) {
    const char = text[end++];
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
  }
  return text
    .slice(start, end - 1)
    .split(',')
    .map((part) => part.trim());
}

describe('row-insert', () => {
  it('names columns and unnest aliases after the fields, one typed array parameter per field', () => {
    const statement = buildInsert(RUN_ROW, [run], 5);
    const fields = Object.keys(RUN_ROW.fields);
    expect(listAfter(statement.text, 'AS r')).toEqual(fields.map(snakeCase));
    expect(listAfter(statement.text, 'unnest')).toEqual(
      fields.map((field, index) => `$${5 + index}::${RUN_ROW.fields[field as keyof NewRunRow].type}[]`),
    );
    // catalogGeneration only filters the rows (ADR 0039); startAt also fills the status.
    const columns = fields.filter((field) => field !== 'catalogGeneration').map(snakeCase);
    expect(listAfter(statement.text, 'INSERT INTO runs')).toEqual([...columns, 'status']);
    expect(statement.params).toHaveLength(fields.length);
  });

  it('encodes each value as its spec says', () => {
    const { params } = insertRunsStatement([run, { ...run, id: 'r2', input: { n: 1 }, traceparent: 'tp' }]);
    const byField = Object.fromEntries(Object.keys(RUN_ROW.fields).map((field, index) => [field, params[index]]));
    expect(byField).toMatchObject({
      id: ['r1', 'r2'],
      // input is NOT NULL: an absent input is the JSON null.
      input: ['null', '{"n":1}'],
      tags: ['["a","b"]', '["a","b"]'],
      traceparent: [null, 'tp'],
    });
  });

  it('lets a field fill computed columns instead of its own', () => {
    const { text } = insertTasksStatement([], 1, 'r.run_id IS NOT NULL');
    const columns = listAfter(text, 'INSERT INTO tasks');
    expect(columns).toContain('available_at');
    expect(columns).toContain('dispatch_at');
    expect(columns).not.toContain('dispatch_bonus_ms');
    expect(columns).toHaveLength(Object.keys(TASK_ROW.fields).length + 1);
    expect(text.trim().endsWith('WHERE r.run_id IS NOT NULL')).toBe(true);
  });

  it('demands a column spec for every field of the row type', () => {
    interface Row {
      a: string;
      b?: number;
    }
    // @ts-expect-error b has no spec
    const missing: TableSpec<Row> = { table: 'x', fields: { a: { type: 'text' } } };
    const complete: TableSpec<Row> = { table: 'x', fields: { a: { type: 'text' }, b: { type: 'int' } } };
    expect([missing.table, complete.table]).toEqual(['x', 'x']);
  });
});
