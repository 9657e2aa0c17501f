export { EnvSchema, type Env } from './env.schema';
export { loadConfig, type TaskloomConfig } from './config';
export { ConfigError } from './config.error';
export { TaskloomConfigModule, TASKLOOM_CONFIG } from './config.module';
export { tracingEnabled } from './tracing.config';
export { DEFAULT_POOL, type QueuePoolSpec } from './queue-pools';
export type { RedisNode } from './redis-nodes';
