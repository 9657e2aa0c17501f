import { requestedStartTime, StartRunSchema } from './run.schemas';
import { startRunCommand } from './start-run-command';

describe('a start request asking for a later start', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('starts at startAt, or delayMs from now, or at once', () => {
    expect(requestedStartTime({ startAt: '2026-01-02T00:00:00+01:00' }, now)).toEqual(new Date('2026-01-01T23:00:00Z'));
    expect(requestedStartTime({ delayMs: 1_500 }, now)).toEqual(new Date(now + 1_500));
    expect(requestedStartTime({ delayMs: 0 }, now)).toBeUndefined();
    expect(requestedStartTime({}, now)).toBeUndefined();
  });

  it('carries the start time into the command of a single start and of each batch item', () => {
    const body = StartRunSchema.parse({ input: {}, startAt: '2026-01-02T00:00:00Z' });
    expect(startRunCommand('w', body, 't', null).startAt).toEqual(new Date('2026-01-02T00:00:00Z'));
  });

  it('refuses startAt and delayMs together, naming delayMs', () => {
    const parsed = StartRunSchema.safeParse({ startAt: '2026-01-02T00:00:00Z', delayMs: 10 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['delayMs']);
  });
});
