import {
  PRIORITY_CLASSES,
  type PriorityClass,
  agedRank,
  bullPriorityFor,
  priorityClassOfRank,
  priorityRank,
} from './priority';

// PRIORITY_LIMIT in bullmq 6.7 classes/job.ts.
const BULLMQ_PRIORITY_LIMIT = 2 ** 21 - 1;

describe('priority classes', () => {
  it('maps classes onto BullMQ priorities, 1 the most urgent and never 0', () => {
    expect(PRIORITY_CLASSES.map(bullPriorityFor)).toEqual([1, 2, 3, 4]);
    for (const cls of PRIORITY_CLASSES) {
      expect(bullPriorityFor(cls)).toBeGreaterThanOrEqual(1);
      expect(bullPriorityFor(cls)).toBeLessThanOrEqual(BULLMQ_PRIORITY_LIMIT);
    }
  });

  it('ranks classes for PostgreSQL, higher the more urgent', () => {
    expect(PRIORITY_CLASSES.map(priorityRank)).toEqual([3, 2, 1, 0]);
  });

  it('orders both scales strictly and the same way', () => {
    for (let i = 1; i < PRIORITY_CLASSES.length; i++) {
      const more = PRIORITY_CLASSES[i - 1];
      const less = PRIORITY_CLASSES[i];
      expect(bullPriorityFor(more)).toBeLessThan(bullPriorityFor(less));
      expect(priorityRank(more)).toBeGreaterThan(priorityRank(less));
    }
  });

  it('reads a rank back as its class', () => {
    for (const cls of PRIORITY_CLASSES) expect(priorityClassOfRank(priorityRank(cls))).toBe(cls);
  });

  it.each([-1, 4, 1.5])('rejects rank %p', (rank) => {
    expect(() => priorityClassOfRank(rank)).toThrow(RangeError);
  });

  it('rejects an unknown class rather than falling back to no priority', () => {
    expect(() => bullPriorityFor('urgent' as PriorityClass)).toThrow(/got urgent/);
    expect(() => priorityRank('toString' as PriorityClass)).toThrow(RangeError);
  });
});

describe('agedRank', () => {
  it('keeps the class of work that has waited less than one aging step', () => {
    expect(agedRank(0, 0, 1_000)).toBe(0);
    expect(agedRank(1, 999, 1_000)).toBe(1);
    expect(agedRank(2, -50, 1_000)).toBe(2);
  });

  it('raises one class per aging step and stops at critical', () => {
    expect(agedRank(0, 1_000, 1_000)).toBe(1);
    expect(agedRank(0, 2_500, 1_000)).toBe(2);
    expect(agedRank(0, 3_000, 1_000)).toBe(3);
    expect(agedRank(0, 60_000, 1_000)).toBe(3);
    expect(agedRank(3, 60_000, 1_000)).toBe(3);
  });
});
