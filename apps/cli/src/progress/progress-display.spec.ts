import type { Run } from '@taskloom/client';
import { progressDisplay } from './progress-display';
import { runProgress } from './run-progress';

type Task = Run['tasks'][number];

const task = (key: string, status: Task['status'], items?: Task['status'][]): Task => ({
  id: key,
  key,
  kind: items ? 'foreach' : 'task',
  type: items ? null : 'core.noop',
  status,
  attempts: 0,
  interruptions: 0,
  priority: 'normal',
  input: null,
  output: null,
  error: null,
  queuedAt: null,
  startedAt: null,
  finishedAt: null,
  ...(items
    ? {
        items: items.map((itemStatus, index) => ({ ...task(`${key}-${index}`, itemStatus), key, kind: 'item', index })),
      }
    : {}),
});

const run = (status: Run['status'], tasks: Task[]): Run => ({
  id: 'r',
  workflow: 'w',
  version: 1,
  status,
  priority: 'normal',
  input: null,
  output: null,
  error: null,
  tags: [],
  parentTaskId: null,
  concurrency: null,
  createdAt: '2026-12-06T00:00:00.000Z',
  startAt: null,
  startedAt: null,
  finishedAt: null,
  tasks,
});

describe('the run progress display', () => {
  it('counts top-level tasks and names the running ones, forEach items by index', () => {
    const snapshot = run('running', [
      task('fetch', 'succeeded'),
      task('price', 'running', ['succeeded', 'running', 'failed', 'running']),
      task('notify', 'blocked'),
    ]);
    expect(runProgress(snapshot)).toEqual({
      status: 'running',
      done: 1,
      total: 3,
      running: ['price[1]', 'price[3]'],
      failed: ['price[2]'],
    });
  });

  it('writes one plain line per change when the stream is not a terminal', () => {
    const written: string[] = [];
    let now = 1_000;
    const display = progressDisplay({ write: (text: string) => written.push(text), isTTY: false }, () => now);
    display.update(run('pending', [task('a', 'ready'), task('b', 'blocked')]));
    now += 1_500;
    display.update(run('running', [task('a', 'running'), task('b', 'blocked')]));
    display.update(run('running', [task('a', 'running'), task('b', 'blocked')]));
    now += 10;
    display.update(run('succeeded', [task('a', 'succeeded'), task('b', 'succeeded')]));
    display.stop();
    expect(written).toEqual([
      '[   0ms] pending 0/2 tasks done\n',
      '[  1.5s] running 0/2 tasks done, running: a\n',
      '[  1.5s] succeeded 2/2 tasks done\n',
    ]);
  });

  it('redraws a bar in place on a terminal, and leaves no SIGINT handler behind', () => {
    const handlers = process.listenerCount('SIGINT');
    const written: string[] = [];
    const display = progressDisplay({ write: (text: string) => written.push(text), isTTY: true, columns: 100 });
    display.update(run('running', [task('a', 'running'), task('b', 'blocked')]));
    expect(process.listenerCount('SIGINT')).toBe(handlers + 1);
    display.update(run('succeeded', [task('a', 'succeeded'), task('b', 'succeeded')]));
    display.stop();
    expect(process.listenerCount('SIGINT')).toBe(handlers);
    const screen = written.join('');
    expect(screen).toContain('2/2 tasks');
    expect(screen).toContain('\u001b['); // cursor control: drawn in place, not appended
  });
});
