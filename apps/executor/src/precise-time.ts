/**
 * Now, as an ISO timestamp with microseconds, which PostgreSQL keeps and a
 * Date cannot hold: attempts that start within the same millisecond still
 * record the order they started in.
 */
export function preciseTimestamp(): string {
  const micros = Math.round((performance.timeOrigin + performance.now()) * 1000);
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z`;
}
