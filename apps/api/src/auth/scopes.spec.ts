import { grants, requiredScope } from './scopes';

describe('scopes', () => {
  it.each([
    [['operator'], 'operator', true],
    [['operator'], 'admin', true],
    [['operator'], 'read', true],
    [['admin'], 'operator', false],
    [['submit'], 'operator', false],
    [['admin'], 'admin', true],
    [['admin'], 'submit', true],
    [['admin'], 'read', true],
    [['submit'], 'admin', false],
    [['submit'], 'submit', true],
    [['submit'], 'read', true],
    [['read'], 'admin', false],
    [['read'], 'submit', false],
    [['read'], 'read', true],
    [['read', 'submit'], 'submit', true],
    [[], 'read', false],
  ] as const)('%j grants %s: %s', (scopes, required, expected) => {
    expect(grants(scopes, required)).toBe(expected);
  });

  it('asks reads for read and changes for submit unless the route declares a scope', () => {
    expect(requiredScope('GET', undefined)).toBe('read');
    expect(requiredScope('head', undefined)).toBe('read');
    expect(requiredScope('POST', undefined)).toBe('submit');
    expect(requiredScope('DELETE', undefined)).toBe('submit');
    expect(requiredScope('GET', 'admin')).toBe('admin');
    expect(requiredScope('POST', 'admin')).toBe('admin');
  });
});
