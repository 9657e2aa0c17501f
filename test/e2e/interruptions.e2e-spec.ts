import type { AppProcess } from '../support/app-process';
import { Cluster } from '../support/cluster';

const LOST_AFTER_MS = 3_000;
/** What the issue allows beyond EXECUTOR_LOST_AFTER_MS for interrupted work to be running again. */
const RESTART_SLACK_MS = 5_000;

interface TaskView {
  key: string;
  status: string;
  attempts: number;
  interruptions: number;
}
interface RunView {
  status: string;
  tasks: TaskView[];
}
interface LogsView {
  attempts: { attempt: number; status: string; executorId: string | null; error: { reason?: string } | null }[];
}

/**
 * DESIGN invariant 3 with a retry budget of one: an interrupted attempt is
 * recorded as 'interrupted' and the task runs again as a new attempt on the
 * interruption budget, so a task that may not be retried still succeeds.
 */
describe('interrupted attempts run again without using up retries', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-interrupt', {
      EXECUTOR_HEARTBEAT_MS: '300',
      EXECUTOR_LOST_AFTER_MS: String(LOST_AFTER_MS),
      RECONCILE_INTERVAL_MS: '500',
      SHUTDOWN_GRACE_MS: '300',
    });
    await cluster.startExecutor();
    expect(
      (
        await cluster.api.post('/api/v1/workflows', {
          name: 'once',
          tasks: [{ key: 'work', type: 'core.sleep', input: { ms: 4_000 }, retry: { maxAttempts: 1 } }],
        })
      ).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** Starts a run and returns it with the executor process running its task. */
  async function runningOn(): Promise<{ runId: string; victim: AppProcess }> {
    const { body } = await cluster.api.post<{ id: string }>('/api/v1/workflows/once/runs', { input: {} });
    let pid: number | undefined;
    await cluster.api.waitFor(async () => {
      const [row] = await cluster.sql<{ pid: number }>(
        `SELECT e.pid FROM tasks t JOIN executors e ON e.id = t.executor_id WHERE t.run_id = $1 AND t.status = 'running'`,
        [body.id],
      );
      pid = row?.pid;
      return pid !== undefined;
    }, 'the task to be running');
    const victim = cluster.processes.find((process) => process.app === 'executor' && process.pid === pid);
    if (!victim) throw new Error(`no executor process with pid ${pid}`);
    return { runId: body.id, victim };
  }

  /** Milliseconds from `since` until the task runs again as attempt 2. */
  async function restartDelay(runId: string, since: number): Promise<number> {
    await cluster.api.waitFor(
      async () => {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM tasks WHERE run_id = $1 AND attempt = 2 AND status IN ('running', 'succeeded')`,
          [runId],
        );
        return row!.n === 1;
      },
      'the second attempt to start',
      LOST_AFTER_MS + RESTART_SLACK_MS + 30_000,
    );
    return Date.now() - since;
  }

  async function expectOneInterruption(runId: string, reasons: string[]): Promise<void> {
    const run = await cluster.api.waitForRun<RunView>(runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.tasks[0]).toMatchObject({ key: 'work', status: 'succeeded', attempts: 2, interruptions: 1 });
    const logs = (await cluster.api.get<LogsView>(`/api/v1/runs/${runId}/tasks/work/logs`)).body;
    expect(logs.attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 'interrupted'],
      [2, 'succeeded'],
    ]);
    expect(reasons).toContain(logs.attempts[0]!.error?.reason);
  }

  it('SIGKILL of the executor: the task runs again on the other one within EXECUTOR_LOST_AFTER_MS + 5 s', async () => {
    const { runId, victim } = await runningOn();
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    const delay = await restartDelay(runId, killedAt);
    console.log(`SIGKILL: attempt 2 running ${delay} ms after the kill`);
    expect(delay).toBeLessThan(LOST_AFTER_MS + RESTART_SLACK_MS);
    // Either the lost-executor sweep or the stalled-job redelivery got there first.
    await expectOneInterruption(runId, ['executor_lost', 'redelivered']);
  });

  it('SIGTERM past the shutdown grace period: the task is handed back and runs again elsewhere', async () => {
    await cluster.startExecutor();
    const { runId, victim } = await runningOn();
    const stoppedAt = Date.now();
    await victim.kill('SIGTERM');
    const delay = await restartDelay(runId, stoppedAt);
    console.log(`SIGTERM: attempt 2 running ${delay} ms after the signal`);
    expect(delay).toBeLessThan(LOST_AFTER_MS + RESTART_SLACK_MS);
    await expectOneInterruption(runId, ['handed_back']);
  });
});
