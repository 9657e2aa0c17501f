import { loadConfig } from '@taskloom/config';
import { QueuePools } from './queue-pools';
import { TaskRouting } from './task-routing.service';

describe('QueuePools', () => {
  const pools = new QueuePools([
    { name: 'heavy', types: ['media.transcode', 'ml.*'] },
    { name: 'io', types: ['http.*', 'ml.fetch'] },
  ]);

  it('puts a type in the first pool naming it or a prefix of it, else in default', () => {
    expect(pools.poolOf('media.transcode')).toBe('heavy');
    expect(pools.poolOf('ml.fetch')).toBe('heavy');
    expect(pools.poolOf('http.request')).toBe('io');
    expect(pools.poolOf('media.thumbnail')).toBe('default');
    expect(pools.names()).toEqual(['default', 'heavy', 'io']);
  });
});

describe('TaskRouting', () => {
  const routing = new TaskRouting(loadConfig({ QUEUE_PARTITIONS: '16', QUEUE_POOLS: 'cpu=core.cpu' }));

  it('routes a task to the queue of its pool on the partition the ring picks', () => {
    expect(routing.queueFor('core.cpu')).toMatch(/^tasks-\{00(0\d|1[0-5])\}-cpu$/);
    expect(routing.queueFor('core.noop', 'tenant-a')).toMatch(/^tasks-\{00(0\d|1[0-5])\}-default$/);
  });

  it('lists one queue per (pool, partition), however many types share a pool', () => {
    const types = Array.from({ length: 100 }, (_, index) => `acme.type-${index}`);
    expect(routing.queuesOfTypes(types)).toHaveLength(16);
    expect(routing.queuesOfTypes([...types, 'core.cpu'])).toHaveLength(32);
    expect(routing.queuesOfPool('cpu', [3, 9])).toEqual(['tasks-{0003}-cpu', 'tasks-{0009}-cpu']);
  });
});
