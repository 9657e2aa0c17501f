import { ConfigError } from './config.error';

export interface RedisNode {
  host: string;
  port: number;
}

/** REDIS_CLUSTER_NODES: `host:port,host:port`, a few masters or replicas the client discovers the cluster from. */
export function parseRedisNodes(values: readonly string[]): RedisNode[] {
  if (values.length === 0) throw new ConfigError(['REDIS_CLUSTER_NODES: name at least one host:port']);
  return values.map((value) => {
    const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(value);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) {
      throw new ConfigError([`REDIS_CLUSTER_NODES: "${value}" is not host:port`]);
    }
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
}
