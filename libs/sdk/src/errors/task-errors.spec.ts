import { createRequire } from 'node:module';
import path from 'node:path';
import { TASK_ERROR_BRAND } from './error-kind';
import {
  isNonRetryableError,
  isRateLimitedError,
  isResourceLimitError,
  isRetryLaterError,
  isTaskCancelledError,
  isTaskError,
  isTaskTimeoutError,
  taskErrorKind,
} from './guards';
import { deserializeTaskError, isTaskFailure, serializeTaskError } from './serialize';
import {
  InputValidationError,
  NonRetryableError,
  OutputValidationError,
  RateLimitedError,
  ResourceLimitError,
  RetryLaterError,
  TaskCancelledError,
  TaskError,
  TaskTimeoutError,
} from './task-errors';

/** A second, independent copy of the SDK: the compiled one, loaded outside jest's module registry. */
const distSdk = createRequire(__filename)(path.resolve(__dirname, '../../dist/index.js')) as typeof import('../index');

describe('task errors', () => {
  it.each([
    [new TaskError('x'), 'retryable', true],
    [new NonRetryableError('x'), 'non_retryable', false],
    [new InputValidationError('x'), 'non_retryable', false],
    [new OutputValidationError('x'), 'non_retryable', false],
    [new RetryLaterError('x', { delayMs: 10 }), 'retry_later', true],
    [new RateLimitedError('x', { retryAfterMs: 10 }), 'rate_limited', true],
    [new TaskTimeoutError('x'), 'timeout', true],
    [new ResourceLimitError('x'), 'resource_limit', true],
    [new TaskCancelledError('x'), 'cancelled', true],
  ])('%s has kind %s, retryable %s', (error, kind, retryable) => {
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(taskErrorKind(error)).toBe(kind);
    expect(error.name).toBe(error.constructor.name);
    expect(serializeTaskError(error)).toMatchObject({ name: error.constructor.name, kind, retryable });
  });

  it('each guard matches its own kind only', () => {
    expect(isNonRetryableError(new InputValidationError('x'))).toBe(true);
    expect(isNonRetryableError(new TaskError('x'))).toBe(false);
    expect(isRetryLaterError(new RetryLaterError('x', { delayMs: 1 }))).toBe(true);
    expect(isRateLimitedError(new RateLimitedError('x', { retryAfterMs: 1 }))).toBe(true);
    expect(isTaskTimeoutError(new TaskTimeoutError('x'))).toBe(true);
    expect(isResourceLimitError(new ResourceLimitError('x'))).toBe(true);
    expect(isTaskCancelledError(new TaskCancelledError('x'))).toBe(true);
    expect(isTaskError(new Error('plain'))).toBe(false);
    expect(isTaskError('a string')).toBe(false);
    expect(isTaskError(null)).toBe(false);
  });

  it('keeps cause, and serializes it', () => {
    const root = new Error('socket hang up');
    const error = new RetryLaterError('upstream busy', { delayMs: 2_000, cause: root });
    expect(error.cause).toBe(root);
    const serialized = serializeTaskError(error);
    expect(serialized).toMatchObject({
      kind: 'retry_later',
      retryAfterMs: 2_000,
      cause: { name: 'Error', message: 'socket hang up', kind: 'retryable' },
    });
    expect(new RateLimitedError('slow down', { retryAfterMs: 500 }).retryAfterMs).toBe(500);
  });

  it('treats anything thrown that is not a task error as retryable', () => {
    expect(serializeTaskError(new TypeError('oops'))).toMatchObject({
      name: 'TypeError',
      message: 'oops',
      kind: 'retryable',
      retryable: true,
    });
    expect(serializeTaskError('just a string')).toMatchObject({
      name: 'NonErrorThrown',
      message: 'just a string',
      kind: 'retryable',
    });
    expect(serializeTaskError({ code: 42 }).message).toContain('{"code":42}');
    expect(serializeTaskError(undefined).kind).toBe('retryable');
  });

  it('round-trips through serialize and deserialize with class, kind and cause', () => {
    const original = new RateLimitedError('429', { retryAfterMs: 1_500, cause: new NonRetryableError('inner') });
    const json = JSON.parse(JSON.stringify(serializeTaskError(original))) as unknown;
    expect(isTaskFailure(json)).toBe(true);
    const back = deserializeTaskError(json as ReturnType<typeof serializeTaskError>);
    expect(isRateLimitedError(back)).toBe(true);
    expect((back as RateLimitedError).retryAfterMs).toBe(1_500);
    expect(isNonRetryableError(back.cause)).toBe(true);
    expect(back.stack).toBe(original.stack);
  });

  it('rejects a negative or missing delay', () => {
    expect(() => new RetryLaterError('x', { delayMs: -1 })).toThrow(/delayMs/);
    expect(() => new RateLimitedError('x', { retryAfterMs: Number.NaN })).toThrow(/retryAfterMs/);
  });

  describe('branding survives duplicate SDK copies', () => {
    it('recognises an error from another copy that only shares the Symbol.for brand', () => {
      const foreign = Object.assign(new Error('from a bundled SDK copy'), {
        [Symbol.for('taskloom.error')]: 'non_retryable',
      });
      expect(Symbol.for('taskloom.error')).toBe(TASK_ERROR_BRAND);
      expect(isTaskError(foreign)).toBe(true);
      expect(isNonRetryableError(foreign)).toBe(true);
      expect(serializeTaskError(foreign)).toMatchObject({ kind: 'non_retryable', retryable: false });
    });

    it('recognises errors of the compiled SDK copy, where instanceof fails', () => {
      const foreign = new distSdk.RateLimitedError('from dist', { retryAfterMs: 250 });
      expect(foreign instanceof RateLimitedError).toBe(false);
      expect(isRateLimitedError(foreign)).toBe(true);
      expect(serializeTaskError(foreign)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 250 });
      expect(distSdk.isNonRetryableError(new OutputValidationError('ours'))).toBe(true);
    });

    it('ignores an unknown brand value', () => {
      expect(isTaskError({ [Symbol.for('taskloom.error')]: 'bogus' })).toBe(false);
    });
  });
});
