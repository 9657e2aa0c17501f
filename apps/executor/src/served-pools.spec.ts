import { QueuePools } from '@taskloom/queue';
import type { HostedTaskType } from './plugin-host.service';
import { servedPools } from './served-pools';

const hosted = (type: string) => ({ taskType: { type } }) as HostedTaskType;

describe('servedPools', () => {
  const pools = new QueuePools([{ name: 'cpu', types: ['core.cpu'] }]);
  const served = [hosted('core.noop'), hosted('core.cpu'), hosted('core.sleep')];

  it('serves the pools of the hosted types, each with the types it carries', () => {
    const result = servedPools(served, pools, undefined);
    expect(result.map((pool) => [pool.name, pool.types.map((t) => t.taskType.type)])).toEqual([
      ['default', ['core.noop', 'core.sleep']],
      ['cpu', ['core.cpu']],
    ]);
  });

  it('serves only the pools EXECUTOR_POOLS names', () => {
    expect(servedPools(served, pools, ['cpu']).map((pool) => pool.name)).toEqual(['cpu']);
  });
});
