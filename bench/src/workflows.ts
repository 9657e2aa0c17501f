/** The definitions the bench registers; every task is core.noop so the numbers are Taskloom's own overhead. */

export function singleTask(name: string) {
  return { name, tasks: [{ key: 't', type: 'core.noop', input: { i: '{{ run.input.i }}' } }] };
}

export const FANOUT_WIDTH = 8;

/** start → 8 parallel tasks → end: 10 tasks, exercising dependency counting and fan-in. */
export function fanOutFanIn(name: string) {
  const branches = Array.from({ length: FANOUT_WIDTH }, (_, i) => `b${i + 1}`);
  return {
    name,
    tasks: [
      { key: 'start', type: 'core.noop', input: { i: '{{ run.input.i }}' } },
      ...branches.map((key) => ({ key, type: 'core.noop', dependsOn: ['start'], input: { i: '{{ run.input.i }}' } })),
      { key: 'end', type: 'core.noop', dependsOn: branches, input: { i: '{{ run.input.i }}' } },
    ],
  };
}

export const FANOUT_TASKS = FANOUT_WIDTH + 2;

/** Distinct concurrency keys the keyed phase spreads its runs over. */
export const KEYED_DISTINCT_KEYS = 1000;

/** One core.noop task under a concurrency key: run i takes key i mod 1,000, limit 2 (ADR 0022's keyed claim). */
export function keyedTask(name: string) {
  return {
    name,
    tasks: [
      {
        key: 't',
        type: 'core.noop',
        input: { i: '{{ run.input.i }}' },
        concurrency: { key: `k{{ run.input.i % ${KEYED_DISTINCT_KEYS} }}`, limit: 2 },
      },
    ],
  };
}
