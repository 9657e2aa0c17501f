/**
 * A bucket's window is granted in this many slices (ADR 0026), or in as
 * many as its limit when that is smaller: at most ceil(limit / slices)
 * permits at a time, a slice of the period apart, so a window's permits are
 * spread over it instead of all released the moment the window frees — a
 * steady rate downstream, and the delays between dispatch and start cannot
 * bunch two windows' bursts together.
 */
export const RATE_SLICES = 10;

/** The bucket's number of slices. */
const slices = (b: BucketSql) => `least(${RATE_SLICES}, ${b.limit})::float8`;

/** What the window expressions read: SQL for the bucket's stored key, limit, period (ms) and the clock reading. */
export interface BucketSql {
  key: string;
  limit: string;
  periodMs: string;
  clock: string;
}

/** Permits of the bucket not yet expired. */
export const permitsUsed = (b: BucketSql) =>
  `(SELECT count(*) FROM rate_permits p WHERE p.key = ${b.key} AND p.expires_at > ${b.clock})`;

/** When the bucket's latest slice was granted plus one slice: from then on it may take its next slice. */
const nextSliceAt = (b: BucketSql) =>
  `((SELECT max(p.expires_at) FROM rate_permits p WHERE p.key = ${b.key})
     - ${b.periodMs} * (${slices(b)} - 1) / ${slices(b)} * interval '1 millisecond')`;

/** Permits the bucket may grant now: its next slice, when that is due, within what its window has left. */
export const permitsFree = (b: BucketSql) =>
  `(CASE WHEN coalesce(${nextSliceAt(b)} <= ${b.clock}, true)
         THEN greatest(0, least(${b.limit} - ${permitsUsed(b)}, ceil(${b.limit} / ${slices(b)})))::int
         ELSE 0 END)`;

/**
 * When the bucket may grant again: its next slice is due, and (when every
 * permit is used) the permit that holds it at its limit has expired.
 */
export const nextPermitAt = (b: BucketSql, used: string) =>
  `greatest(${nextSliceAt(b)},
            CASE WHEN ${used} >= ${b.limit} THEN
              (SELECT p.expires_at FROM rate_permits p WHERE p.key = ${b.key} AND p.expires_at > ${b.clock}
                ORDER BY p.expires_at OFFSET greatest(0, ${used} - ${b.limit}) LIMIT 1) END)`;
