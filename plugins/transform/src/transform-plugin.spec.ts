import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeTaskType, isPlugin } from '@taskloom/sdk';
import { expectFailed, expectSucceeded, runTask, runTasks } from '@taskloom/sdk/testing';
import { compileExpression } from './expression';
import transform, { filter, map } from './index';

/**
 * Both task types declare thread isolation; most tests run them inline (same
 * code, no worker), and the thread tests load the BUILT plugin, as an
 * executor does.
 */
const builtPlugin = path.resolve(__dirname, '../dist/index.js');
const inline = { isolation: 'inline' } as const;

const order = {
  customer: { name: 'Ada', tier: 'gold' },
  lines: [
    { sku: 'apple', qty: 3, price: 0.5 },
    { sku: 'pear', qty: 1, price: 0.8 },
    { sku: 'plum', qty: 0, price: 0.3 },
  ],
};

describe('@taskloom/plugin-transform', () => {
  it('default-exports the transform plugin', () => {
    expect(isPlugin(transform)).toBe(true);
    expect(transform.name).toBe('transform');
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string };
    expect(transform.version).toBe(pkg.version);
    expect(transform.tasks.map((t) => t.type)).toEqual(['transform.map', 'transform.filter']);
    for (const task of transform.tasks) {
      const descriptor = describeTaskType(task);
      expect(JSON.parse(JSON.stringify(descriptor))).toEqual(descriptor);
      expect(descriptor.isolation).toBe('thread');
    }
  });

  describe('transform.map', () => {
    it('reshapes the data with a JSONata expression', async () => {
      const expression = '{ "who": customer.name, "items": lines[qty > 0].sku, "total": $sum(lines.(qty * price)) }';
      expect(expectSucceeded(await runTask(map, { expression, data: order }, inline))).toEqual({
        result: { who: 'Ada', items: ['apple', 'pear'], total: 2.3 },
      });
    });

    it('returns plain arrays for JSONata sequences, and null when nothing is selected', async () => {
      const { result } = expectSucceeded(
        await runTask(map, { expression: 'lines.{ "id": sku }', data: order }, inline),
      );
      expect(result).toEqual([{ id: 'apple' }, { id: 'pear' }, { id: 'plum' }]);
      expect(Object.getPrototypeOf(result)).toBe(Array.prototype);
      expect(Object.keys(result as object)).toEqual(['0', '1', '2']);
      expect(expectSucceeded(await runTask(map, { expression: 'customer.email', data: order }, inline))).toEqual({
        result: null,
      });
      expect(expectSucceeded(await runTask(map, { expression: '[1..3]' }, inline))).toEqual({ result: [1, 2, 3] });
    });

    it('fails for good on an expression that does not parse, naming the position', async () => {
      const error = expectFailed(await runTask(map, { expression: 'lines[qty >', data: order }, inline));
      expect(error).toMatchObject({ name: 'ExpressionError', kind: 'non_retryable' });
      expect(error.message).toMatch(/^invalid expression "lines\[qty >" at position \d+: /);
    });

    it('fails for good when evaluation goes too deep or produces a function', async () => {
      // Not a tail call (JSONata runs those in constant depth): every step nests one deeper.
      const recursion = '($f := function($n) { 1 + $f($n + 1) }; $f(0))';
      expect(expectFailed(await runTask(map, { expression: recursion }, inline)).message).toMatch(
        /^expression failed: .*: Stack overflow\. Check for non-terminating recursive function/,
      );
      expect(expectFailed(await runTask(map, { expression: 'function($x) { $x }' }, inline)).message).toMatch(
        /produced a function, not a JSON value/,
      );
    });

    it('rejects an empty or overlong expression as input', async () => {
      expect(expectFailed(await runTask(map, { expression: '  ' }, inline)).name).toBe('InputValidationError');
      expect(expectFailed(await runTask(map, { expression: 'a'.repeat(10_001) }, inline)).message).toMatch(
        /expression: must be at most 10000 characters/,
      );
    });

    it('cannot reach anything but its data: no JavaScript, no process', async () => {
      for (const expression of [
        'process.env',
        '$require("fs")',
        'constructor.constructor("return 1")()',
        '$$.__proto__',
      ]) {
        const result = await runTask(map, { expression, data: order }, inline);
        if (result.status === 'succeeded') expect(result.output).toEqual({ result: null });
        else expect(result.error.kind).toBe('non_retryable');
      }
    });
  });

  describe('transform.filter', () => {
    it('keeps the items for which the predicate is truthy, with $index bound', async () => {
      expect(expectSucceeded(await runTask(filter, { expression: 'qty > 0', data: order.lines }, inline))).toEqual({
        list: [order.lines[0], order.lines[1]],
        count: 2,
      });
      expect(
        expectSucceeded(
          await runTask(filter, { expression: '$index % 2 = 0', data: ['a', 'b', 'c', 'd', 'e'] }, inline),
        ),
      ).toEqual({ list: ['a', 'c', 'e'], count: 3 });
    });

    it('always returns an array, casting values the way JSONata $boolean does', async () => {
      const data = [0, 1, '', 'x', [], [0], {}, { a: 1 }, null, true];
      expect(expectSucceeded(await runTask(filter, { expression: '$', data }, inline))).toEqual({
        list: [1, 'x', { a: 1 }, true],
        count: 4,
      });
      expect(expectSucceeded(await runTask(filter, { expression: 'sku = "pear"', data: order.lines }, inline))).toEqual(
        { list: [order.lines[1]], count: 1 },
      );
      expect(expectSucceeded(await runTask(filter, { expression: 'false', data: order.lines }, inline))).toEqual({
        list: [],
        count: 0,
      });
    });

    it('names the item an evaluation failed on, and wants an array', async () => {
      const error = expectFailed(await runTask(filter, { expression: 'qty + sku', data: order.lines }, inline));
      expect(error).toMatchObject({ name: 'ExpressionError', kind: 'non_retryable' });
      expect(error.message).toMatch(/^item 0: expression failed: "qty \+ sku": /);
      expect(expectFailed(await runTask(filter, { expression: '$', data: { a: 1 } }, inline)).message).toMatch(
        /data: /,
      );
    });
  });

  it('stops an evaluation that runs past its time budget', async () => {
    const slowFibonacci = '($f := function($n) { $n <= 1 ? $n : $f($n - 1) + $f($n - 2) }; $f(40))';
    const compiled = compileExpression(slowFibonacci, { timeoutMs: 50, maxDepth: 500, maxSequence: 1_000 });
    await expect(compiled.evaluate(null)).rejects.toMatchObject({ name: 'ExpressionError', code: 'D1012' });
  });

  describe('in worker threads', () => {
    it('runs map and filter in a worker thread', async () => {
      const options = { pluginSpecifier: builtPlugin };
      const [mapped] = await runTasks(map, [{ expression: '$count(lines)', data: order }], options);
      expect(expectSucceeded(mapped!)).toEqual({ result: 3 });
      const kept = await runTask(filter, { expression: 'price < 0.6', data: order.lines }, options);
      expect(expectSucceeded(kept).count).toBe(2);
    }, 30_000); // worker threads to start

    it('terminates a catastrophic regular expression JSONata cannot interrupt, at the task timeout', async () => {
      const expression = '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)';
      const started = Date.now();
      const result = await runTask(
        map,
        { expression },
        { pluginSpecifier: builtPlugin, timeoutMs: 300, killGraceMs: 200 },
      );
      expect(expectFailed(result)).toMatchObject({ name: 'TaskTimeoutError', kind: 'timeout' });
      // The match would run for ages, and map's default timeout is 15 s: well short of that, it was killed at
      // this one.
      expect(Date.now() - started).toBeLessThan(10_000);
    }, 30_000);
  });
});
