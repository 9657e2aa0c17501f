import { loadConfig } from './config';
import { ConfigError } from './config.error';
import { tracingEnabled } from './tracing.config';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/taskloom');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.executor.plugins).toEqual([
      '@taskloom/plugin-core',
      '@taskloom/plugin-http',
      '@taskloom/plugin-transform',
    ]);
    expect(config.executor.taskTypes).toBeUndefined();
  });

  it('keeps auth off and rate limits off by default, and reads "false" as false', () => {
    expect(loadConfig({}).auth).toEqual({
      enabled: false,
      bootstrapAdminKey: undefined,
      keyCacheMs: 10_000,
      failureLimitPerMinute: 30,
    });
    expect(loadConfig({}).api.rateLimitPerMinute).toBe(0);
    expect(loadConfig({ AUTH_ENABLED: 'false' }).auth.enabled).toBe(false);
    expect(loadConfig({ AUTH_ENABLED: 'true' }).auth.enabled).toBe(true);
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

  it('reads Redis Cluster seeds and executor pools', () => {
    const config = loadConfig({
      REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-0.redis:6379,[::1]:7001',
      QUEUE_POOLS: 'heavy=media.transcode,ml.*; io=http.request',
      EXECUTOR_POOLS: 'heavy,default',
    });
    expect(config.redis.clusterNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-0.redis', port: 6379 },
      { host: '::1', port: 7001 },
    ]);
    expect(config.queue.pools).toEqual([
      { name: 'heavy', types: ['media.transcode', 'ml.*'] },
      { name: 'io', types: ['http.request'] },
    ]);
    expect(config.executor.pools).toEqual(['heavy', 'default']);
    expect(loadConfig({}).redis.clusterNodes).toBeUndefined();
    expect(loadConfig({}).queue.pools).toEqual([]);
    expect(loadConfig({}).executor.pools).toBeUndefined();
  });

  it.each([
    [{ REDIS_CLUSTER_NODES: 'redis-0' }, 'REDIS_CLUSTER_NODES'],
    [{ REDIS_CLUSTER_NODES: 'redis-0:70000' }, 'REDIS_CLUSTER_NODES'],
    [{ QUEUE_POOLS: 'heavy' }, 'QUEUE_POOLS'],
    [{ QUEUE_POOLS: 'Heavy{1}=a' }, 'QUEUE_POOLS'],
    [{ QUEUE_POOLS: 'default=a' }, 'QUEUE_POOLS'],
    [{ QUEUE_POOLS: 'a=x;a=y' }, 'QUEUE_POOLS'],
    [{ QUEUE_POOLS: 'a=x:y' }, 'QUEUE_POOLS'],
    [{ EXECUTOR_POOLS: 'heavy' }, 'EXECUTOR_POOLS'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('reads API_BODY_LIMIT into bytes, 5 MiB by default', () => {
    expect(loadConfig({}).http.bodyLimitBytes).toBe(5 * 1024 * 1024);
    expect(loadConfig({ API_BODY_LIMIT: '512kb' }).http.bodyLimitBytes).toBe(512 * 1024);
    expect(loadConfig({ API_BODY_LIMIT: '100B' }).http.bodyLimitBytes).toBe(100);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ QUEUE_PARTITIONS: '0' }, 'QUEUE_PARTITIONS'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_PREFIX: 'a:b' }, 'REDIS_PREFIX'],
    [{ ROUTER_HIGH_WATER: '10', ROUTER_LOW_WATER: '20' }, 'ROUTER_LOW_WATER'],
    [{ QUEUE_PARTITIONS: '4', EXECUTOR_PARTITIONS: '4' }, 'EXECUTOR_PARTITIONS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ AUTH_ENABLED: 'yes' }, 'AUTH_ENABLED'],
    [{ AUTH_BOOTSTRAP_ADMIN_KEY: 'hunter2' }, 'AUTH_BOOTSTRAP_ADMIN_KEY'],
    [{ API_RATE_LIMIT: '-1' }, 'API_RATE_LIMIT'],
    [{ API_BODY_LIMIT: '5gb' }, 'API_BODY_LIMIT'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });
});

describe('operations settings', () => {
  it('keeps finished runs 30 days and serves no separate metrics port by default', () => {
    const config = loadConfig({});
    expect(config.retention).toEqual({ days: 30, intervalMs: 3_600_000, batchSize: 500 });
    expect(config.metrics.port).toBeUndefined();
    expect(loadConfig({ RETENTION_DAYS: '0', METRICS_PORT: '9464' })).toMatchObject({
      retention: { days: 0 },
      metrics: { port: 9464 },
    });
  });

  it.each([
    [{ RETENTION_DAYS: '-1' }, 'RETENTION_DAYS'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });
});

describe('tracingEnabled', () => {
  it.each([
    [{}, false],
    [{ OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console,none' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }, false],
  ])('is %p → %p', (env, enabled) => {
    expect(tracingEnabled(env)).toBe(enabled);
  });
});
