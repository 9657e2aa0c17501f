import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionRequest, ExecutionResult } from '../execution/execution-types';
import { TaskHost } from '../execution/task-host';
import { loadPlugin } from '../plugin/load-plugin';

// Child processes load plain JavaScript: the fixture plugin and the runner come from libs/sdk/dist (built by `tsc -b`).
const fixtures = path.resolve(__dirname, '../../fixtures');
const fixture = path.join(fixtures, 'isolation-plugin.cjs');

// Every test starts child processes, which a busy machine can take seconds over.
jest.setTimeout(30_000);

const request = (input: unknown, extra: Partial<ExecutionRequest> = {}): ExecutionRequest => ({
  input,
  attempt: 1,
  runId: 'run',
  taskId: 'task',
  taskKey: 'key',
  ...extra,
});

function output(result: ExecutionResult): Record<string, unknown> {
  if (result.status !== 'succeeded') throw new Error(`task failed: ${result.error.name}: ${result.error.message}`);
  return result.output as Record<string, unknown>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Linux /proc/<pid>/stat fields after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Still running: an exited child waiting to be reaped (a zombie) no longer counts. */
const running = (pid: number): boolean => {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== 'Z';
};

/** `parent`'s child processes, each with the CPU time it has used so far, in clock ticks (user + system). */
function childrenOf(parent: number): Map<number, number> {
  const children = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields !== undefined && Number(fields[1]) === parent)
      children.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  return children;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('process isolation', () => {
  let host: TaskHost;
  beforeAll(async () => {
    host = new TaskHost({ plugin: await loadPlugin(fixture), pluginSpecifier: fixture, poolSize: 1, killGraceMs: 100 });
  });
  afterAll(() => host.close());

  it('runs in a child process and reuses the warm child for the next task', async () => {
    const first = output(await host.execute('fx.process.whoami', request({})));
    const second = output(await host.execute('fx.process.whoami', request({})));
    expect(first.pid).not.toBe(process.pid);
    expect(second.pid).toBe(first.pid);
  });

  it('SIGKILLs a child that ignores its abort signal at the timeout; the host keeps working', async () => {
    const { pid } = output(await host.execute('fx.process.whoami', request({})));
    const spinner = output(await host.execute('fx.process.spin', request({ ms: 1 })));
    const started = Date.now();
    const result = await host.execute('fx.process.spin', request({ ms: 600_000 }, { timeoutMs: 200 }));
    // Far short of the handler's 600 s (and of its type's 10 s default timeout), with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ status: 'failed', error: { name: 'TaskTimeoutError', kind: 'timeout' } });
    expect(await until(() => !alive(spinner.pid as number), 10_000)).toBe(true);
    const replacement = output(await host.execute('fx.process.whoami', request({})));
    expect(replacement.pid).toBe(pid); // other pools untouched
    expect(output(await host.execute('fx.process.spin', request({ ms: 1 }))).done).toBe(true);
  });

  it('fails a task over its heap limit with ResourceLimitError and replaces the child', async () => {
    const result = await host.execute('fx.process.hog', request({}));
    expect(result).toMatchObject({
      status: 'failed',
      error: {
        name: 'ResourceLimitError',
        kind: 'resource_limit',
        message: 'fx.process.hog went over its memory limit of 64 MB (child process heap)',
      },
    });
    expect(output(await host.execute('fx.process.whoami', request({}))).pid).not.toBe(process.pid);
  });

  it('kills a child whose resident memory (Buffers, outside the heap) passes the limit', async () => {
    const result = await host.execute('fx.process.buffers', request({}));
    expect(result).toMatchObject({
      status: 'failed',
      error: { name: 'ResourceLimitError', message: expect.stringContaining('resident memory above 320 MB') },
    });
  });

  it('reports a crash outside the handler', async () => {
    expect(await host.execute('fx.process.crash', request({}))).toMatchObject({
      status: 'failed',
      error: {
        kind: 'retryable',
        message: 'the child process running fx.process.crash crashed: Error: boom outside the handler',
        cause: { message: 'boom outside the handler' },
      },
    });
  });

  it('streams logs, console output and heartbeats over IPC', async () => {
    const beats: unknown[] = [];
    const result = await host.execute(
      'fx.process.chatty',
      request({ lines: 1 }, { onHeartbeat: (d) => beats.push(d) }),
    );
    expect(result.logs.map((l) => l.msg)).toEqual(['line 0', 'hello from console']);
    expect(beats).toEqual([{ progress: 1 }]);
  });

  it('kills the child when the parent dies, even while the child is stuck in a loop', async () => {
    const parent = spawn(process.execPath, [path.join(fixtures, 'parent-dies.cjs')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const children: number[] = [];
    try {
      const idle = await new Promise<number>((resolve, reject) => {
        let text = '';
        parent.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /child (\d+)/.exec(text);
          if (match) resolve(Number(match[1]));
        });
        parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
      });
      children.push(idle);
      expect(running(idle)).toBe(true);
      // The pid printed is the whoami child's, idle by now; the spinning task runs in a child of its own pool.
      // It is known to be in its loop once it has used well over the CPU time the idle one took to start.
      let spinner: number | undefined;
      const spinning = await until(() => {
        const used = childrenOf(parent.pid!);
        const startup = used.get(idle) ?? 0;
        spinner = [...used].find(([pid, ticks]) => pid !== idle && ticks > startup + 100)?.[0];
        return spinner !== undefined;
      }, 30_000);
      expect(spinning).toBe(true);
      children.push(spinner!);
      parent.kill('SIGKILL');
      expect(await until(() => !running(idle) && !running(spinner!), 30_000)).toBe(true);
    } finally {
      // Whatever failed above, nothing is left behind to spin for minutes.
      const left = new Set([...children, ...(parent.pid === undefined ? [] : childrenOf(parent.pid).keys())]);
      parent.kill('SIGKILL');
      for (const pid of left) if (running(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});
