import { loadConfig } from '@taskloom/config';
import type { AttemptOutcome, AttemptService } from '@taskloom/orchestrator';
import { AttemptReporter } from './attempt-reporter.service';
import { ExecutorIdentity } from './executor-identity';

const outcome = (output: unknown): AttemptOutcome => ({
  taskId: '00000000-0000-4000-8000-000000000001',
  runId: '00000000-0000-4000-8000-000000000002',
  definitionId: '00000000-0000-4000-8000-000000000003',
  attempt: 1,
  status: 'succeeded',
  output,
  retry: null,
  maxAttempts: 3,
  priority: 1,
  executorId: null,
  startedAt: null,
  durationMs: 1,
});

/** The reporter against a stand-in for AttemptService (the port it writes through); the PostgreSQL side is in test/integration/hostile-data. */
function reporterWith(complete: (outcomes: readonly AttemptOutcome[]) => Promise<Set<string>>, graceMs = 300) {
  const config = loadConfig({ SHUTDOWN_GRACE_MS: String(graceMs), EXECUTOR_COMPLETION_LINGER_MS: '0' });
  return new AttemptReporter(config, { complete } as unknown as AttemptService, new ExecutorIdentity());
}

describe('AttemptReporter', () => {
  it('writes an outcome PostgreSQL refuses once more as a non-retryable failure without its output', async () => {
    const written: AttemptOutcome[] = [];
    const reporter = reporterWith(async (outcomes) => {
      if (outcomes.some((o) => o.output !== undefined))
        throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
      written.push(...outcomes);
      return new Set();
    });
    await reporter.finish(outcome({ text: 'x' }));
    expect(written).toEqual([
      expect.objectContaining({
        status: 'failed',
        output: undefined,
        error: expect.objectContaining({ name: 'UnstorableOutcome', retryable: false }),
      }),
    ]);
  });

  it('gives up on an outcome it cannot write SHUTDOWN_GRACE_MS after shutdown began', async () => {
    const reporter = reporterWith(() =>
      Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' })),
    );
    const finished = reporter.finish(outcome({}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await reporter.drain();
    await finished;
    // Grace 300 ms; the rest is slack for a loaded machine, far below the retry loop's "for ever".
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
