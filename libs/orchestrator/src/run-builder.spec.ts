import { compilePlan, type WorkflowDefinition } from '@taskloom/engine';
import { buildRun } from './run-builder';
import type { CompiledWorkflow } from './plan-cache.service';

function compiled(definition: WorkflowDefinition): CompiledWorkflow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: definition.name,
    version: 3,
    plan: compilePlan(definition),
    explicitPriority: new Set(definition.tasks.filter((task) => task.priority).map((task) => task.key)),
  };
}

const request = { input: { n: 1 }, tenant: 'acme', tags: ['t'], idempotencyKey: 'k', parentTaskId: null };

describe('buildRun', () => {
  const workflow = compiled({
    name: 'shape',
    defaults: { priority: 'low', retry: { maxAttempts: 5 }, timeoutMs: 1234 },
    tasks: [
      { key: 'a', type: 'core.noop' },
      { key: 'b', type: 'core.noop', dependsOn: ['a'], priority: 'critical' },
      { key: 'c', type: 'core.noop', dependsOn: ['a', 'b'], forEach: '{{ tasks.b.output }}' },
      { key: 'd', workflow: 'child', dependsOn: ['c'] },
    ],
  });

  it('creates every task blocked with its dependency count, and activates only the roots', () => {
    const built = buildRun(workflow, request);
    expect(built.tasks.map((task) => [task.key, task.kind, task.status, task.depsTotal])).toEqual([
      ['a', 'task', 'blocked', 0],
      ['b', 'task', 'blocked', 1],
      ['c', 'foreach', 'blocked', 2],
      ['d', 'workflow', 'blocked', 1],
    ]);
    expect(built.roots).toEqual([{ id: built.tasks[0]!.id, runId: built.run.id, key: 'a' }]);
    expect(built.run).toMatchObject({
      workflowName: 'shape',
      workflowVersion: 3,
      tasksRemaining: 4,
      tenant: 'acme',
      idempotencyKey: 'k',
    });
  });

  it('gives tasks the run priority unless they name their own, and the definition defaults', () => {
    const byDefault = buildRun(workflow, request);
    expect(byDefault.run.priority).toBe(0);
    expect(byDefault.tasks.map((task) => task.priority)).toEqual([0, 3, 0, 0]);
    const high = buildRun(workflow, { ...request, priorityRank: 2 });
    expect(high.tasks.map((task) => task.priority)).toEqual([2, 3, 2, 2]);
    expect(byDefault.tasks[0]).toMatchObject({ maxAttempts: 5, timeoutMs: 1234 });
  });

  it('sets a deadline only when the definition has a run timeout', () => {
    expect(buildRun(workflow, request).run.deadlineAt).toBeNull();
    const timed = compiled({
      name: 'timed',
      defaults: { runTimeoutMs: 60_000 },
      tasks: [{ key: 'a', type: 'core.noop' }],
    });
    const deadline = buildRun(timed, request).run.deadlineAt!.getTime();
    expect(deadline).toBeGreaterThan(Date.now() + 59_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 60_000);
  });
});
