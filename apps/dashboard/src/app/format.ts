/** A timestamp as the reader's local date and time, to the second. */
export function formatTime(at: string | null | undefined): string {
  if (!at) return '—';
  return new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function durationBetween(start: string | null, end: string | null, now = Date.now()): number | null {
  if (!start) return null;
  return (end ? Date.parse(end) : now) - Date.parse(start);
}

const MAX_SHOWN_CHARS = 20_000;

/** JSON for a <pre>: indented, and cut with a note when it would flood the page. */
export function showJson(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return text.length > MAX_SHOWN_CHARS
    ? `${text.slice(0, MAX_SHOWN_CHARS)}\n… (${text.length - MAX_SHOWN_CHARS} more characters; the API has it all)`
    : text;
}
