/** Fetches a Prometheus text exposition. */
export async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

/**
 * The value of one sample: `name` plus labels that must all match (others
 * may be present). Absent samples read as 0, as a counter that never moved.
 */
export function sampleValue(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let total: number | undefined;
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) total = (total ?? 0) + Number(match[4]);
  }
  return total ?? 0;
}
