import { loadConfig } from './config';
import { ConfigError } from './config.error';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/taskloom');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.executor.plugins).toEqual(['@taskloom/plugin-core']);
    expect(config.executor.taskTypes).toBeUndefined();
  });

  it('parses lists and numbers', () => {
    const config = loadConfig({
      PLUGINS: '@taskloom/plugin-core, /opt/plugins/acme',
      QUEUE_PARTITIONS: '8',
      EXECUTOR_PARTITIONS: '1,7',
      EXECUTOR_CPU: '1.5',
    });
    expect(config.executor.plugins).toEqual(['@taskloom/plugin-core', '/opt/plugins/acme']);
    expect(config.queue.partitions).toBe(8);
    expect(config.executor.partitions).toEqual([1, 7]);
    expect(config.executor.cpu).toBe(1.5);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ QUEUE_PARTITIONS: '0' }, 'QUEUE_PARTITIONS'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_PREFIX: 'a:b' }, 'REDIS_PREFIX'],
    [{ ROUTER_HIGH_WATER: '10', ROUTER_LOW_WATER: '20' }, 'ROUTER_LOW_WATER'],
    [{ QUEUE_PARTITIONS: '4', EXECUTOR_PARTITIONS: '4' }, 'EXECUTOR_PARTITIONS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });
});
