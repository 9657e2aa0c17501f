import { murmur3 } from './hash';
import { DEFAULT_VIRTUAL_NODES, HashRing, MAX_PARTITIONS, routingKey } from './hash-ring';

const KEYS = Array.from({ length: 100_000 }, (_, i) => routingKey('send-email', `tenant-${i}`));

function counts(ring: HashRing): number[] {
  const perPartition = new Array<number>(ring.partitions).fill(0);
  for (const key of KEYS) perPartition[ring.partitionFor(key)] += 1;
  return perPartition;
}

describe('murmur3', () => {
  // Published MurmurHash3_x86_32 vectors: a port that drifts from the
  // reference would silently re-partition every key.
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['aa', 0x9747b28c, 0x5d211726],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('hashes %j with seed %d', (text, seed, expected) => {
    expect(murmur3(text, seed)).toBe(expected);
  });

  it('grows its scratch buffer for long input', () => {
    const long = 'x'.repeat(10_000);
    expect(murmur3(long)).toBe(murmur3(long));
    expect(murmur3(long)).not.toBe(murmur3(`${long}y`));
  });
});

describe('HashRing', () => {
  it.each([0, -1, 1.5, MAX_PARTITIONS + 1, Number.NaN])('rejects %p partitions naming the value', (partitions) => {
    expect(() => new HashRing(partitions)).toThrow(new RegExp(`^partitions .* got ${partitions}$`));
    expect(() => new HashRing(partitions)).toThrow(RangeError);
  });

  it.each([0, 2.5, DEFAULT_VIRTUAL_NODES + 1])('rejects %p virtual nodes at the maximum partitions', (virtualNodes) => {
    expect(() => new HashRing(MAX_PARTITIONS, { virtualNodes })).toThrow(RangeError);
    expect(() => new HashRing(MAX_PARTITIONS, { virtualNodes })).toThrow(`got ${virtualNodes}`);
  });

  it('sends every key to partition 0 of a one-partition ring', () => {
    const ring = new HashRing(1, { virtualNodes: 8 });
    expect(KEYS.slice(0, 1000).every((key) => ring.partitionFor(key) === 0)).toBe(true);
  });

  // The ring's own imbalance at 4096 vnodes is 3.4%; the rest is sampling
  // noise (100,000 keys over 64 partitions: 6-8% even for a perfect split).
  it('spreads 100,000 keys within ±10% of the mean over 64 partitions', () => {
    const mean = KEYS.length / 64;
    const perPartition = counts(new HashRing(64));
    expect(Math.min(...perPartition)).toBeGreaterThanOrEqual(mean * 0.9);
    expect(Math.max(...perPartition)).toBeLessThanOrEqual(mean * 1.1);
  });

  it.each([4, 16, 64])('growing from %i partitions moves at most 1.5/(n+1) of the keys, all to the new one', (n) => {
    const before = new HashRing(n);
    const after = new HashRing(n + 1);
    const targets = new Set<number>();
    let moved = 0;
    for (const key of KEYS) {
      const to = after.partitionFor(key);
      if (before.partitionFor(key) !== to) {
        moved += 1;
        targets.add(to);
      }
    }
    expect([...targets]).toEqual([n]);
    expect(moved / KEYS.length).toBeLessThanOrEqual(1.5 / (n + 1));
  });

  it('maps a key to the same partition in every instance and release', () => {
    const a = new HashRing(64);
    const b = new HashRing(64);
    expect(KEYS.filter((key) => a.partitionFor(key) !== b.partitionFor(key))).toEqual([]);
    // Pinned, so other processes and releases agree: a change here
    // re-partitions every deployed key.
    const pinned = ['send-email', routingKey('send-email', 'tenant-42'), 'http.request', 'ünïcödé-task'];
    expect(pinned.map((key) => a.partitionFor(key))).toEqual([40, 42, 45, 5]);
  });
});

describe('routingKey', () => {
  it('is the task type alone without an affinity key', () => {
    expect(routingKey('send-email')).toBe('send-email');
    expect(routingKey('send-email', null)).toBe('send-email');
  });

  it('joins type and affinity with NUL, which PostgreSQL text cannot hold', () => {
    expect(routingKey('send-email', 'acme')).toBe('send-email\u0000acme');
    expect(routingKey('a-b', 'c')).not.toBe(routingKey('a', 'b-c'));
  });
});
