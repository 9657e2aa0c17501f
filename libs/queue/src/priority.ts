/** Most urgent first. */
export const PRIORITY_CLASSES = ['critical', 'high', 'normal', 'low'] as const;

export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

/**
 * BullMQ priorities, 1 highest. None is 0: BullMQ 6 serves jobs without a
 * priority (0) before every prioritized job, and keeps them in a separate
 * list. With 1..4 every task job sits in the one prioritized set, scored
 * priority * 2^32 + a per-queue insertion counter, which gives strict class
 * order and FIFO within a class. The limit is 2^21 - 1 (PRIORITY_LIMIT in
 * classes/job.ts; scoring in commands/includes/getPriorityScore.lua).
 */
export function bullPriorityFor(priorityClass: PriorityClass): number {
  return indexOf(priorityClass) + 1;
}

/**
 * critical 3 .. low 0: higher is more urgent. PostgreSQL stores the rank so
 * the router's claim can ORDER BY it DESC.
 */
export function priorityRank(priorityClass: PriorityClass): number {
  return PRIORITY_CLASSES.length - 1 - indexOf(priorityClass);
}

/**
 * The rank a task is queued with once it has waited: one class up per
 * `agingMs` spent ready, up to critical. A queue serves by BullMQ priority,
 * so without this a low job already in a queue would wait behind every
 * critical job a flood keeps adding; aged, it joins the critical class and
 * only waits for the jobs queued before it (ADR 0003).
 */
export function agedRank(rank: number, waitedMs: number, agingMs: number): number {
  const steps = waitedMs > 0 ? Math.floor(waitedMs / agingMs) : 0;
  return Math.min(PRIORITY_CLASSES.length - 1, rank + steps);
}

/** The inverse of priorityRank, for rows read back from PostgreSQL. */
export function priorityClassOfRank(rank: number): PriorityClass {
  const priorityClass: PriorityClass | undefined = PRIORITY_CLASSES[PRIORITY_CLASSES.length - 1 - rank];
  if (!Number.isInteger(rank) || priorityClass === undefined) {
    throw new RangeError(`priority rank must be an integer from 0 to ${PRIORITY_CLASSES.length - 1}, got ${rank}`);
  }
  return priorityClass;
}

// Guards callers that bypass the type (plain JS, unvalidated data): an
// unknown class must fail loudly, not become BullMQ's "no priority" 0.
function indexOf(priorityClass: PriorityClass): number {
  const index = PRIORITY_CLASSES.indexOf(priorityClass);
  if (index < 0) {
    throw new RangeError(`priority class must be one of ${PRIORITY_CLASSES.join(', ')}, got ${String(priorityClass)}`);
  }
  return index;
}
