import { canonicalJson } from '../json/canonical-json';
import { definitionChecksum } from './definition-checksum';
import type { WorkflowDefinition } from './workflow-definition';

const definition: WorkflowDefinition = {
  name: 'orders',
  defaults: { priority: 'high', retry: { maxAttempts: 2, delayMs: 10 } },
  tasks: [
    { key: 'fetch', type: 'http.request', input: { url: '{{ run.input.url }}', headers: { b: '2', a: '1' } } },
    { key: 'notify', type: 'core.noop', dependsOn: ['fetch'] },
  ],
};

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }, 3], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1},3]}');
  });

  it('leaves out undefined members, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined } as never)).toBe('{"a":1}');
  });
});

describe('definitionChecksum', () => {
  it('is a sha256 hex digest', () => {
    expect(definitionChecksum(definition)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order at every level', () => {
    const reordered = JSON.parse(
      '{"tasks":[{"input":{"headers":{"a":"1","b":"2"},"url":"{{ run.input.url }}"},"type":"http.request","key":"fetch"},' +
        '{"dependsOn":["fetch"],"type":"core.noop","key":"notify"}],' +
        '"defaults":{"retry":{"delayMs":10,"maxAttempts":2},"priority":"high"},"name":"orders"}',
    ) as WorkflowDefinition;
    expect(definitionChecksum(reordered)).toBe(definitionChecksum(definition));
  });

  it('changes when anything meaningful changes, including task order', () => {
    const base = definitionChecksum(definition);
    expect(definitionChecksum({ ...definition, name: 'orders2' })).not.toBe(base);
    expect(definitionChecksum({ ...definition, tasks: [...definition.tasks].reverse() })).not.toBe(base);
    const retyped = { ...definition, tasks: [{ ...definition.tasks[0], type: 'http.get' }, definition.tasks[1]] };
    expect(definitionChecksum(retyped)).not.toBe(base);
  });
});
