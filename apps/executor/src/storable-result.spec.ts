import type { ExecutionResult } from '@taskloom/sdk';
import { storableResult } from './storable-result';

const line = (msg: string) => ({ ts: '2026-12-05T00:00:00.000Z', level: 'info' as const, msg });

describe('storableResult', () => {
  it('keeps a storable result as it is', () => {
    const result: ExecutionResult = { status: 'succeeded', output: { a: 1 }, logs: [line('hi')], durationMs: 1 };
    expect(storableResult(result, 1_000)).toEqual(result);
  });

  it('escapes NUL characters in log lines instead of failing the task', () => {
    const result: ExecutionResult = { status: 'succeeded', output: {}, logs: [line('a\u0000b')], durationMs: 1 };
    expect(storableResult(result, 1_000)).toMatchObject({ status: 'succeeded', logs: [{ msg: 'a\\u0000b' }] });
  });

  it('fails an output holding a NUL, or past the limit, as non-retryable', () => {
    const nul = storableResult({ status: 'succeeded', output: { result: '\u0000' }, logs: [], durationMs: 1 }, 1_000);
    expect(nul).toMatchObject({ status: 'failed', error: { name: 'UnstorableOutput', retryable: false } });
    const big = storableResult(
      { status: 'succeeded', output: { s: 'x'.repeat(2_000) }, logs: [], durationMs: 1 },
      1_000,
    );
    expect(big).toMatchObject({ status: 'failed', error: { name: 'OutputTooLargeError', retryable: false } });
  });

  it('replaces an error holding a NUL, keeping it escaped as the cause', () => {
    const result = storableResult(
      {
        status: 'failed',
        error: { name: 'Error', message: 'bad \u0000', kind: 'retryable', retryable: true },
        logs: [],
        durationMs: 1,
      },
      1_000,
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: { name: 'UnstorableError', retryable: false, cause: { message: 'bad \\u0000' } },
    });
  });
});
