import { join } from 'node:path';
import { ExpressionFailed, ExpressionLimitExceeded } from './expression-limit.error';
import { ExpressionPool, ExpressionPoolClosed } from './expression-pool';
import type { ExpressionJob } from './expression-job';

// Threads load compiled JavaScript; jest's globalSetup has built it.
const WORKER = join(__dirname, '..', '..', 'dist', 'expressions', 'expression.worker.js');
const scope = { run: { id: 'r', input: { n: 2 } }, tasks: {} };
const template = (expression: string): ExpressionJob => ({ kind: 'template', value: `{{ ${expression} }}`, scope });

describe('ExpressionPool', () => {
  let pool: ExpressionPool;

  beforeAll(() => {
    pool = new ExpressionPool({ filename: WORKER, workers: 2, timeoutMs: 300, maxMemoryMb: 48 });
  });

  afterAll(async () => {
    await pool.close(1_000);
  });

  it('evaluates templates in a worker thread', async () => {
    await expect(pool.run(template('run.input.n * 21'))).resolves.toBe(42);
  });

  it("carries a template's own error back by name and message", async () => {
    await expect(pool.run(template('$number("x")'))).rejects.toMatchObject({
      name: 'TemplateError',
      message: expect.stringMatching(/Expression failed/),
    });
    await expect(pool.run(template('$number("x")'))).rejects.toBeInstanceOf(ExpressionFailed);
  });

  it('kills an evaluation past its time limit with a clear error, then evaluates again', async () => {
    const loop = '($f := function($x) { $x > 0 ? $f($x) : 0 }; $f(1))';
    await expect(pool.run(template(loop))).rejects.toThrow(ExpressionLimitExceeded);
    await expect(pool.run(template(loop))).rejects.toThrow(/EXPRESSION_TIMEOUT_MS \(300 ms\)/);
    await expect(pool.run(template('run.input.n + 1'))).resolves.toBe(3);
  });

  it('kills an evaluation past its memory limit with a clear error, then evaluates again', async () => {
    const hog = '[1..900000].{"key": $string($), "value": [$, $, $]}';
    const memoryPool = new ExpressionPool({ filename: WORKER, workers: 1, timeoutMs: 60_000, maxMemoryMb: 16 });
    try {
      await expect(memoryPool.run(template(hog))).rejects.toThrow(/EXPRESSION_MAX_MEMORY_MB \(16 MB\)/);
      await expect(memoryPool.run(template('run.input.n + 2'))).resolves.toBe(4);
    } finally {
      await memoryPool.close(1_000);
    }
  });

  it('refuses work once closed', async () => {
    const closing = new ExpressionPool({ filename: WORKER, workers: 1, timeoutMs: 1_000, maxMemoryMb: 64 });
    await closing.close(1_000);
    await expect(closing.run(template('1'))).rejects.toBeInstanceOf(ExpressionPoolClosed);
  });
});
