import { loadConfig } from '@taskloom/config';
import { workerLockOptions } from './worker-lock.options';

describe('workerLockOptions', () => {
  it('holds a job for EXECUTOR_LOST_AFTER_MS and checks for stalled jobs three times as often', () => {
    expect(workerLockOptions(loadConfig({}))).toEqual({
      lockDuration: 15_000,
      stalledInterval: 5_000,
      maxStalledCount: Number.MAX_SAFE_INTEGER,
    });
    expect(workerLockOptions(loadConfig({ EXECUTOR_LOST_AFTER_MS: '3000' }))).toMatchObject({
      lockDuration: 3_000,
      stalledInterval: 1_000,
    });
  });

  it('keeps the check between half a second and BullMQ default of 30 s', () => {
    expect(workerLockOptions(loadConfig({ EXECUTOR_LOST_AFTER_MS: '600' })).stalledInterval).toBe(500);
    expect(workerLockOptions(loadConfig({ EXECUTOR_LOST_AFTER_MS: '3600000' })).stalledInterval).toBe(30_000);
  });
});
