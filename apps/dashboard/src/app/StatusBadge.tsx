/**
 * One colour per status, shared by badges, graph nodes and the timeline (and
 * explained by the legend). A queued run (waiting for a workflow concurrency
 * slot) shares the colour of a queued task: both wait for a slot.
 */
export const STATUS_COLOURS: Record<string, string> = {
  succeeded: '#15803d',
  failed: '#b91c1c',
  running: '#1d4ed8',
  queued: '#b45309',
  ready: '#ca8a04',
  blocked: '#6b7280',
  waiting: '#0f766e',
  skipped: '#9ca3af',
  cancelled: '#52525b',
  paused: '#7e22ce',
  pending: '#6b7280',
  scheduled: '#0e7490',
  interrupted: '#c2410c',
};

export function statusColour(status: string): string {
  return STATUS_COLOURS[status] ?? '#6b7280';
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className="badge" data-status={status} style={{ background: statusColour(status) }}>
      {status}
    </span>
  );
}
