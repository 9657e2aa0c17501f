/**
 * The first int of the two-int advisory locks the claims take, one space per
 * kind of key, so their locks meet no other advisory lock.
 */
export const CONCURRENCY_LOCK_SPACE = 22_030;
/** Rate-limit buckets (ADR 0026). */
export const RATE_LOCK_SPACE = 22_050;
