/**
 * Validation cost of definitions at the task limit, kept out of the unit
 * tests so that a loaded machine cannot fail them. The bounds catch an
 * accidentally quadratic (or worse) validator, not a slow machine.
 *
 *   npm run bench:definitions
 *
 * Like the main harness, it exits 0 whether or not a target is met.
 */
import { performance } from 'node:perf_hooks';
import { MAX_TASKS_PER_DEFINITION, validateDefinition, type TaskDefinition } from '@taskloom/engine';

const TARGET_MS = 5_000;
const SIZE = MAX_TASKS_PER_DEFINITION;
const context = { isKnownTaskType: () => true };

function chain(): TaskDefinition[] {
  return Array.from({ length: SIZE }, (_, i) => ({
    key: `t${i}`,
    type: 'core.noop',
    ...(i > 0 && {
      dependsOn: [`t${i - 1}`],
      input: { previous: `{{ tasks.t${i - 1}.output }}`, root: '{{ tasks.t0.output.id }}' },
    }),
  })).reverse();
}

function fanOutFanIn(): TaskDefinition[] {
  const leaves: TaskDefinition[] = Array.from({ length: SIZE - 2 }, (_, i) => ({
    key: `leaf${i}`,
    type: 'core.noop',
    dependsOn: ['root'],
    input: { id: '{{ tasks.root.output.id }}', n: i },
  }));
  const join = { key: 'join', type: 'core.noop', dependsOn: leaves.slice(0, 1_000).map((leaf) => leaf.key) };
  return [{ key: 'root', type: 'core.noop' }, ...leaves, join];
}

const shapes = { [`${SIZE}-task chain`]: chain, [`${SIZE}-task fan-out and fan-in`]: fanOutFanIn };
for (const [name, build] of Object.entries(shapes)) {
  const tasks = build();
  const started = performance.now();
  validateDefinition({ name: 'bench', tasks }, context);
  const elapsed = performance.now() - started;
  const met = elapsed < TARGET_MS;
  console.log(`${name}: ${elapsed.toFixed(0)} ms (target < ${TARGET_MS} ms) ${met ? 'met' : 'MISSED'}`);
}
