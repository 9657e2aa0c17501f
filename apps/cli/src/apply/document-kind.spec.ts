import { documentKind } from './document-kind';

describe('telling a workflow definition from a schedule', () => {
  const tasks = [{ key: 'a', type: 'core.noop' }];

  it('reads a definition by its tasks and a schedule by its workflow and cron or every', () => {
    expect(documentKind({ name: 'w', tasks })).toEqual({ kind: 'workflow', definition: { name: 'w', tasks } });
    expect(documentKind({ name: 's', workflow: 'w', cron: '0 2 * * *' })).toEqual({
      kind: 'schedule',
      schedule: { name: 's', workflow: 'w', cron: '0 2 * * *' },
    });
    expect(documentKind({ name: 's', workflow: 'w', every: '15m', paused: true })).toMatchObject({ kind: 'schedule' });
  });

  it('follows an explicit kind, which is not sent on', () => {
    // A schedule without cron or every is only one when it says so (the API then says what is missing).
    expect(documentKind({ kind: 'schedule', name: 's', workflow: 'w' })).toEqual({
      kind: 'schedule',
      schedule: { name: 's', workflow: 'w' },
    });
    expect(documentKind({ kind: 'workflow', name: 'w', tasks })).toEqual({
      kind: 'workflow',
      definition: { name: 'w', tasks },
    });
  });

  it('refuses what is neither, or contradicts its kind', () => {
    for (const value of [
      null,
      'text',
      [{ name: 'w', tasks }],
      { hello: 'world' },
      { name: 's', workflow: 'w' },
      { workflow: 'w', cron: '* * * * *' },
      { kind: 'workflow', name: 's', workflow: 'w', cron: '* * * * *' },
      { kind: 'schedule', name: 'w', tasks },
      { kind: 'other', name: 'w', tasks },
    ]) {
      expect(documentKind(value)).toBeUndefined();
    }
  });
});
