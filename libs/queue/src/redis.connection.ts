import type { TaskloomConfig } from '@taskloom/config';
import { Cluster, Redis } from 'ioredis';

/** One standalone Redis or a Redis Cluster: every Taskloom process talks to either through this type. */
export type RedisConnection = Redis | Cluster;

/**
 * The process's Redis connection: a Cluster client when REDIS_CLUSTER_NODES
 * names seed nodes, else one Redis at REDIS_URL. BullMQ needs
 * `maxRetriesPerRequest: null` on connections that block (on a Cluster, in
 * its node options); using it everywhere keeps one kind of connection. The
 * credentials of REDIS_URL, if any, apply to the cluster's nodes too.
 */
export function createRedisConnection(redis: TaskloomConfig['redis'], connectionName: string): RedisConnection {
  if (!redis.clusterNodes) {
    return new Redis(redis.url, { maxRetriesPerRequest: null, connectionName, lazyConnect: false });
  }
  const url = new URL(redis.url);
  return new Cluster(redis.clusterNodes, {
    redisOptions: {
      maxRetriesPerRequest: null,
      connectionName,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    },
    // A failover takes about the cluster's node timeout; commands wait for it instead of failing at once.
    retryDelayOnClusterDown: 200,
    retryDelayOnFailover: 200,
    retryDelayOnTryAgain: 200,
    slotsRefreshTimeout: 2000,
  });
}

/**
 * The masters of the connection: a standalone Redis is its own; a Cluster's
 * are its current master nodes. SCAN and INFO see one node's keys only, so
 * whatever walks the keyspace walks each of these.
 */
export function redisMasters(connection: RedisConnection): Redis[] {
  return connection instanceof Cluster ? connection.nodes('master') : [connection];
}
