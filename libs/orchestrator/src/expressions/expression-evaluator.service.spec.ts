import { loadConfig } from '@taskloom/config';
import { compilePlan, type PlannedTask, type TemplateScope } from '@taskloom/engine';
import { ExpressionEvaluator } from './expression-evaluator.service';
import { ExpressionLimitExceeded } from './expression-limit.error';

function plannedTask(task: Record<string, unknown>): PlannedTask {
  const plan = compilePlan({ name: 'w', tasks: [{ key: 'a', type: 'core.noop', ...task }] } as never);
  return plan.byKey.get('a')!;
}

describe('ExpressionEvaluator', () => {
  const config = loadConfig({
    EXPRESSION_TIMEOUT_MS: '300',
    EXPRESSION_WORKERS: '1',
    TASK_INPUT_MAX_BYTES: '1kb',
  });
  const evaluator = new ExpressionEvaluator(config);
  const scope: TemplateScope = { run: { id: 'r', input: { who: { name: 'Ada' }, list: [1, 2, 3] } }, tasks: {} };

  afterAll(async () => {
    await evaluator.onApplicationShutdown();
  });

  it('renders plain paths, through objects and through arrays alike', async () => {
    const planned = plannedTask({ input: { who: '{{ run.input.who.name }}', list: '{{ run.input.list }}' } });
    await expect(evaluator.renderTask(planned, scope)).resolves.toEqual({
      outcome: 'one',
      rendered: { input: { who: 'Ada', list: [1, 2, 3] } },
    });
  });

  it('evaluates anything else in the bounded pool', async () => {
    const loop = plannedTask({ input: { v: '{{ ($f := function($x) { $f($x) }; $f(1)) }}' } });
    await expect(evaluator.renderTask(loop, scope)).rejects.toBeInstanceOf(ExpressionLimitExceeded);
    const fanOut = plannedTask({ forEach: '{{ [1..3] }}', input: { n: '{{ item * 2 }}' } });
    await expect(evaluator.renderTask(fanOut, scope)).resolves.toEqual({
      outcome: 'items',
      items: [{ input: { n: 2 } }, { input: { n: 4 } }, { input: { n: 6 } }],
    });
  });

  it('refuses a rendered input past TASK_INPUT_MAX_BYTES, inline or in the pool', async () => {
    const big = { run: { id: 'r', input: { text: 'x'.repeat(2_000) } }, tasks: {} };
    await expect(evaluator.renderTask(plannedTask({ input: { t: '{{ run.input.text }}' } }), big)).rejects.toThrow(
      /TASK_INPUT_MAX_BYTES/,
    );
    await expect(evaluator.renderTask(plannedTask({ input: { t: '{{ $pad("", 2000, "x") }}' } }), big)).rejects.toThrow(
      /TASK_INPUT_MAX_BYTES/,
    );
  });
});
