import { decideRunStatus, isTerminalRunStatus, isTerminalTaskStatus, RUN_STATUSES, TASK_STATUSES } from './statuses';

describe('statuses', () => {
  it('classifies every task status', () => {
    const terminal = TASK_STATUSES.filter(isTerminalTaskStatus);
    expect(terminal).toEqual(['succeeded', 'failed', 'skipped', 'cancelled']);
  });

  it('classifies every run status', () => {
    expect(RUN_STATUSES.filter(isTerminalRunStatus)).toEqual(['succeeded', 'failed', 'cancelled']);
  });
});

describe('decideRunStatus', () => {
  it('succeeds when tasks succeeded or were skipped', () => {
    expect(decideRunStatus(['succeeded', 'skipped', 'succeeded'])).toBe('succeeded');
    expect(decideRunStatus([])).toBe('succeeded');
  });

  it('fails when any task failed or was cancelled', () => {
    expect(decideRunStatus(['succeeded', 'failed', 'skipped'])).toBe('failed');
    expect(decideRunStatus(['succeeded', 'cancelled'])).toBe('failed');
  });

  it('accepts any iterable', () => {
    expect(decideRunStatus(new Set(['succeeded', 'failed'] as const))).toBe('failed');
  });
});
