import path from 'node:path';
import { loadConfig } from '@taskloom/config';
import { PluginHostService } from './plugin-host.service';

/** Thread workers load the BUILT core plugin, as a running executor does. */
const builtCore = path.resolve(__dirname, '../../../plugins/core/dist/index.js');

const request = (iterations: number) => ({ input: { iterations }, attempt: 1, runId: 'r', taskId: 't', taskKey: 'k' });

describe('PluginHostService', () => {
  let service: PluginHostService | undefined;

  afterEach(async () => {
    await service?.onApplicationShutdown();
    service = undefined;
  });

  it('warms one worker for each served thread task type, and none for types it does not serve', async () => {
    service = new PluginHostService(loadConfig({ PLUGINS: builtCore, EXECUTOR_TASK_TYPES: 'core.noop' }));
    await service.load();
    await service.warmUp();
    expect(
      service
        .get('core.cpu')!
        .host.stats()
        .filter((s) => s.mode === 'thread'),
    ).toEqual([]);

    service = new PluginHostService(loadConfig({ PLUGINS: builtCore }));
    await service.load();
    await service.warmUp();
    expect(
      service
        .get('core.cpu')!
        .host.stats()
        .filter((s) => s.mode === 'thread'),
    ).toMatchObject([{ taskType: 'core.cpu', size: 1, idle: 1 }]);
  });

  it("sizes a type's worker pool to the tasks of that type the executor admits at once", async () => {
    // One cpu admits one cpu-intensive core.cpu at a time: a second concurrent call waits for the same worker.
    service = new PluginHostService(loadConfig({ PLUGINS: builtCore, EXECUTOR_CPU: '1' }));
    await service.load();
    const { host } = service.get('core.cpu')!;
    const results = await Promise.all([
      host.execute('core.cpu', request(20_000)),
      host.execute('core.cpu', request(20_000)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(host.stats().find((s) => s.taskType === 'core.cpu')).toMatchObject({ size: 1 });
  });
});
