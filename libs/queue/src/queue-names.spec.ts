import {
  DEFAULT_REDIS_PREFIX,
  TASK_JOB_NAME,
  jobIdFor,
  jobKey,
  parseJobId,
  parsePartitionQueueName,
  parsePoolQueueName,
  partitionQueueName,
  poolQueueName,
} from './queue-names';

describe('queue names', () => {
  it('pins the prefix and job name', () => {
    expect(DEFAULT_REDIS_PREFIX).toBe('taskloom');
    expect(TASK_JOB_NAME).toBe('task');
  });

  it.each([
    [0, 'tasks-{0000}'],
    [7, 'tasks-{0007}'],
    [63, 'tasks-{0063}'],
    [4095, 'tasks-{4095}'],
  ])('names partition %i %s, with a cluster hash tag and no colon', (partition, name) => {
    expect(partitionQueueName(partition)).toBe(name);
    expect(name).not.toContain(':');
    expect(parsePartitionQueueName(name)).toBe(partition);
  });

  it.each([-1, 4096, 1.5, Number.NaN])('rejects partition %p', (partition) => {
    expect(() => partitionQueueName(partition)).toThrow(RangeError);
    expect(() => partitionQueueName(partition)).toThrow(`got ${partition}`);
  });

  it.each(['tasks-{7}', 'tasks-{4096}', 'tasks-0007', 'tasks-{0007}x', '{0007}', 'other'])(
    'parses %j as no partition queue',
    (name) => {
      expect(parsePartitionQueueName(name)).toBeUndefined();
    },
  );
});

describe('pool queue names', () => {
  it('puts the partition, hash tag first, before the pool', () => {
    expect(poolQueueName('default', 7)).toBe('tasks-{0007}-default');
    expect(poolQueueName('gpu_heavy-2', 4095)).toBe('tasks-{4095}-gpu_heavy-2');
  });

  it('parses what it builds', () => {
    expect(parsePoolQueueName('tasks-{0007}-default')).toEqual({ pool: 'default', partition: 7 });
    expect(parsePoolQueueName('tasks-{0000}-a-b')).toEqual({ pool: 'a-b', partition: 0 });
  });

  it.each([
    ['', 0],
    ['a:b', 0],
    ['a{1}', 0],
    ['Default', 0],
    ['x'.repeat(33), 0],
    ['default', 4096],
  ])('rejects pool %j on partition %p', (pool, partition) => {
    expect(() => poolQueueName(pool, partition)).toThrow(RangeError);
  });

  it.each([
    'tasks-{0007}',
    'tasks-{0007}-',
    'tasks-{7}-default',
    'tasks-{4096}-default',
    'tasks-{0007}-core.noop',
    'default',
  ])('parses %j as no pool queue', (name) => {
    expect(parsePoolQueueName(name)).toBeUndefined();
  });
});

describe('job ids', () => {
  const taskId = '0190f3a4-7b1c-7d2e-9f00-1234567890ab';

  it('joins task id and attempt with a dot', () => {
    expect(jobIdFor(taskId, 3)).toBe('0190f3a4-7b1c-7d2e-9f00-1234567890ab.3');
    expect(jobIdFor(taskId, 0)).toBe(`${taskId}.0`);
  });

  it('never yields an integer id, which BullMQ refuses', () => {
    const id = jobIdFor('42', 1);
    expect(id).toBe('42.1');
    expect(`${parseInt(id, 10)}`).not.toBe(id);
  });

  it.each([
    ['', 1],
    ['a:b', 1],
    [taskId, -1],
    [taskId, 1.5],
  ])('rejects task id %j with attempt %p', (badTaskId, attempt) => {
    expect(() => jobIdFor(badTaskId, attempt)).toThrow(RangeError);
  });

  it('parses what it builds, splitting at the last dot', () => {
    expect(parseJobId(`${taskId}.12`)).toEqual({ taskId, attempt: 12 });
    expect(parseJobId('a.b.0')).toEqual({ taskId: 'a.b', attempt: 0 });
  });

  it.each(['42', `${taskId}`, `${taskId}.`, `${taskId}.01`, `${taskId}.-1`, '.1', 'a:b.1', 'x.99999999999999999999'])(
    'parses %j as no task job id',
    (jobId) => {
      expect(parseJobId(jobId)).toBeUndefined();
    },
  );
});

describe('jobKey', () => {
  it("is BullMQ's job hash key: prefix, queue and job id joined by colons", () => {
    expect(jobKey(DEFAULT_REDIS_PREFIX, partitionQueueName(7), jobIdFor('t1', 2))).toBe('taskloom:tasks-{0007}:t1.2');
    expect(jobKey('tl', poolQueueName('default', 7), 't1.2')).toBe('tl:tasks-{0007}-default:t1.2');
  });
});
