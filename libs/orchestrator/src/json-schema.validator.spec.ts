import { JsonSchemaValidator } from './json-schema.validator';

describe('JsonSchemaValidator', () => {
  const validator = new JsonSchemaValidator();

  it('lets schemas that share an $id each validate their own values', () => {
    const orders = {
      $id: 'https://example.com/input',
      type: 'object',
      required: ['order'],
      properties: { order: { type: 'string' } },
    };
    const users = {
      $id: 'https://example.com/input',
      type: 'object',
      required: ['user'],
      properties: { user: { type: 'integer' } },
    };
    validator.assertSchema(orders);
    validator.assertSchema(orders);
    validator.assertSchema(users);
    expect(validator.validate('run-input:orders', orders, { order: 'o-1' }, 'input')).toEqual([]);
    expect(validator.validate('run-input:users', users, { user: 7 }, 'input')).toEqual([]);
    expect(validator.validate('run-input:users', users, { order: 'o-1' }, 'input')).toEqual([
      { path: 'input', message: "must have required property 'user'" },
    ]);
    expect(validator.validate('run-input:orders', orders, { order: 1 }, 'input')).toEqual([
      { path: 'input.order', message: 'must be string' },
    ]);
  });
});

describe('JsonSchemaValidator.assertSchema', () => {
  it('refuses a schema that is not JSON Schema, in either dialect', () => {
    const validator = new JsonSchemaValidator();
    expect(() => validator.assertSchema({ type: 12 })).toThrow(/schema is invalid/);
    expect(() =>
      validator.assertSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: 'x' }),
    ).toThrow(/schema is invalid/);
    expect(() =>
      validator.assertSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }),
    ).not.toThrow();
  });

  it('matches `pattern` on RE2: a catastrophic-backtracking pattern answers at once', () => {
    const validator = new JsonSchemaValidator();
    const schema = { type: 'object', properties: { s: { type: 'string', pattern: '^(a|a)*$' } } };
    validator.assertSchema(schema);
    expect(validator.validate('run-input:re2', schema, { s: 'aaaa' }, 'input')).toEqual([]);
    expect(validator.validate('run-input:re2', schema, { s: `${'a'.repeat(10_000)}!` }, 'input')).toEqual([
      { path: 'input.s', message: 'must match pattern "^(a|a)*$"' },
    ]);
  });

  it('refuses a schema whose pattern RE2 cannot run, naming the pattern', () => {
    const validator = new JsonSchemaValidator();
    expect(() => validator.assertSchema({ type: 'string', pattern: '(x)\\1' })).toThrow(
      /\/\(x\)\\1\/ is not supported.*no backreferences/,
    );
    expect(() => validator.assertSchema({ patternProperties: { '^(?!x)': {} } })).toThrow(/not supported/);
  });
});
