/**
 * Aging by head start: a task enters dispatch order at its ready time minus
 * `rank × agingMs`, so a higher class always goes first among tasks that
 * became ready within `agingMs` of each other (strict order under normal
 * load), while a lower-class task that has waited longer than the gap
 * overtakes fresh higher-class work — `low` is never starved for more than
 * 3 × agingMs behind a `critical` flood. Ordering stays a plain index scan.
 */
export function dispatchBonusMs(priorityRank: number, agingMs: number): number {
  return priorityRank * agingMs;
}
