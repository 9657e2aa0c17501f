import { murmur3 } from './hash';

/** Upper bound on QUEUE_PARTITIONS; partition indexes fit in a Uint16Array. */
export const MAX_PARTITIONS = 4096;

/**
 * Virtual nodes per partition. A partition's share of the ring is the sum of
 * its vnodes' arcs, whose relative spread shrinks as 1/sqrt(vnodes). Measured
 * worst partition off the mean (exact arc shares): 4096 vnodes gives 3.4% at
 * 64 partitions and at most 4.5% up to 256; 2048 gives 4.6% and 6.9%; 1024
 * gives 7.5% at 64. Sampling 100,000 keys alone adds about 6-8% (even a
 * perfectly even split shows that), so 4096 is what keeps the ±10% target
 * with margin. Cost: 6 bytes per point, ~60 ms to build 64 partitions and
 * ~250 ms for 256, once per process.
 */
export const DEFAULT_VIRTUAL_NODES = 4096;

/** Caps memory and build time: MAX_PARTITIONS at the default vnodes keeps ~100 MiB and builds in ~4 s. */
const MAX_POINTS = MAX_PARTITIONS * DEFAULT_VIRTUAL_NODES;

/**
 * Consistent hashing of routing keys onto partitions 0..n-1.
 *
 * A vnode's position depends only on its partition and index, never on n, so
 * growing n to n+1 only adds points: a key either stays or moves to the new
 * partition, about 1/(n+1) of them. Positions come from murmur3, so every
 * process (router, API, any release) computes the same mapping; changing the
 * hash or the vnode label format reshuffles every key.
 */
export class HashRing {
  readonly partitions: number;
  readonly virtualNodes: number;
  /** Vnode positions, ascending. */
  private readonly points: Uint32Array;
  /** owners[i] is the partition of points[i]. */
  private readonly owners: Uint16Array;

  constructor(partitions: number, options: { virtualNodes?: number } = {}) {
    const virtualNodes = options.virtualNodes ?? DEFAULT_VIRTUAL_NODES;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new RangeError(`partitions must be an integer from 1 to ${MAX_PARTITIONS}, got ${partitions}`);
    }
    if (!Number.isInteger(virtualNodes) || virtualNodes < 1 || partitions * virtualNodes > MAX_POINTS) {
      throw new RangeError(
        `virtualNodes must be an integer from 1 to ${Math.floor(MAX_POINTS / partitions)} ` +
          `for ${partitions} partitions, got ${virtualNodes}`,
      );
    }
    this.partitions = partitions;
    this.virtualNodes = virtualNodes;

    // Pack (position, partition) into one exactly representable double
    // (2^32 * 2^12 < 2^53) so a typed-array numeric sort orders by position,
    // and on a position tie by the lower partition. That tie rule keeps
    // growth monotonic: a new, higher partition never wins an existing tie.
    const packed = new Float64Array(partitions * virtualNodes);
    for (let p = 0; p < partitions; p++) {
      for (let v = 0; v < virtualNodes; v++) {
        packed[p * virtualNodes + v] = murmur3(`${p}#${v}`) * MAX_PARTITIONS + p;
      }
    }
    packed.sort();

    this.points = new Uint32Array(packed.length);
    this.owners = new Uint16Array(packed.length);
    for (let i = 0; i < packed.length; i++) {
      const value = packed[i];
      this.owners[i] = value % MAX_PARTITIONS;
      this.points[i] = (value - this.owners[i]) / MAX_PARTITIONS;
    }
  }

  /** The partition owning the first vnode at or after the key's hash (wrapping). */
  partitionFor(routingKey: string): number {
    const hash = murmur3(routingKey);
    const points = this.points;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    return this.owners[lo === points.length ? 0 : lo];
  }
}

/**
 * The ring key of a task: its type, plus its affinity key (tenant, template)
 * when it has one. NUL separates them because PostgreSQL text, where both
 * are stored, cannot hold it, so (type, affinity) pairs never collide.
 */
export function routingKey(taskType: string, affinity?: string | null): string {
  return affinity == null ? taskType : `${taskType}\u0000${affinity}`;
}
