import { setTimeout as sleep } from 'node:timers/promises';
import { scrapeMetrics, startProcessMetrics } from './metrics-registry';

function gauge(text: string, name: string): number {
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  if (!line) throw new Error(`${name} is not in the scrape`);
  return Number(line.slice(name.length + 1));
}

describe('process metrics', () => {
  it('sample the event-loop delay at the configured resolution, and start once', async () => {
    startProcessMetrics({ eventLoopResolutionMs: 50 });
    // A second application in the same process (the standalone one composes three) changes nothing.
    expect(() => startProcessMetrics({ eventLoopResolutionMs: 10 })).not.toThrow();
    await scrapeMetrics(); // the histogram restarts at every scrape
    await sleep(400);
    const text = await scrapeMetrics();
    // Each recorded delay is one interval of the sampling timer: never shorter than the resolution asked for.
    expect(gauge(text, 'nodejs_eventloop_lag_min_seconds')).toBeGreaterThanOrEqual(0.045);
    expect(gauge(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });
});
