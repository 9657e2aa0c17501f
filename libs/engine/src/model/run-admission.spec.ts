import { planRunAdmission, type RunKeyState } from './run-admission';

const state = (overrides: Partial<RunKeyState>): RunKeyState => ({
  limit: 2,
  onLimit: 'queue',
  holders: [],
  queued: [],
  ...overrides,
});

describe('planRunAdmission', () => {
  it('queue: admits up to the free slots in order and leaves the rest queued', () => {
    expect(planRunAdmission(state({ holders: ['h1'], queued: ['q1', 'q2', 'q3'] }))).toEqual({
      admit: ['q1'],
      cancelQueued: [],
      cancelHolders: [],
    });
    expect(planRunAdmission(state({ holders: ['h1', 'h2'], queued: ['q1'] })).admit).toEqual([]);
  });

  it('queue: admits nothing when holders already exceed the limit (a limit lowered by a new version)', () => {
    expect(planRunAdmission(state({ limit: 1, holders: ['h1', 'h2'], queued: ['q1'] })).admit).toEqual([]);
  });

  it('cancel_newest: admits into free slots and cancels the queued runs that do not fit', () => {
    expect(planRunAdmission(state({ onLimit: 'cancel_newest', holders: ['h1'], queued: ['q1', 'q2', 'q3'] }))).toEqual({
      admit: ['q1'],
      cancelQueued: ['q2', 'q3'],
      cancelHolders: [],
    });
  });

  it('cancel_oldest: admits the new run and cancels the oldest holder', () => {
    expect(planRunAdmission(state({ onLimit: 'cancel_oldest', holders: ['h1', 'h2'], queued: ['q1'] }))).toEqual({
      admit: ['q1'],
      cancelQueued: [],
      cancelHolders: ['h1'],
    });
  });

  it('cancel_oldest: cancels nothing while there is room', () => {
    expect(planRunAdmission(state({ onLimit: 'cancel_oldest', holders: ['h1'], queued: ['q1'] }))).toEqual({
      admit: ['q1'],
      cancelQueued: [],
      cancelHolders: [],
    });
  });

  it('cancel_oldest: with more new runs than the limit, keeps the newest and cancels every older run', () => {
    expect(
      planRunAdmission(state({ onLimit: 'cancel_oldest', holders: ['h1', 'h2'], queued: ['q1', 'q2', 'q3'] })),
    ).toEqual({ admit: ['q2', 'q3'], cancelQueued: ['q1'], cancelHolders: ['h1', 'h2'] });
  });

  it('never leaves more holders than the limit', () => {
    for (const onLimit of ['queue', 'cancel_newest', 'cancel_oldest'] as const) {
      for (let holders = 0; holders <= 4; holders += 1) {
        for (let queued = 0; queued <= 4; queued += 1) {
          const input = state({
            limit: 3,
            onLimit,
            holders: Array.from({ length: holders }, (_, i) => `h${i}`),
            queued: Array.from({ length: queued }, (_, i) => `q${i}`),
          });
          const plan = planRunAdmission(input);
          const after = holders - plan.cancelHolders.length + plan.admit.length;
          expect(after).toBeLessThanOrEqual(Math.max(3, holders));
          if (holders <= 3) expect(after).toBeLessThanOrEqual(3);
          expect(plan.admit.length + plan.cancelQueued.length).toBeLessThanOrEqual(queued);
        }
      }
    }
  });
});
