import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * The one Prometheus registry of the process. Module-level on purpose: the
 * standalone process composes api, router and executor, and they must all
 * land in the registry its API serves at /metrics, whichever Nest module
 * graph they were wired into.
 */
export const metricsRegistry = new Registry();

let processMetricsStarted = false;

/**
 * prom-client's default process and Node.js series. Started once per
 * process, by the first Nest application that boots (ProcessMetricsModule),
 * so the event-loop delay histogram gets its configured resolution: it is a
 * timer on the event loop, and at prom-client's 10 ms an idle process woke a
 * hundred times a second for it alone (ADR 0034).
 */
export function startProcessMetrics(settings: { eventLoopResolutionMs: number }): void {
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: settings.eventLoopResolutionMs });
}

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;

export type MetricsCollector = () => void | Promise<void>;

const collectors = new Set<MetricsCollector>();

const collectorFailures = new Counter({
  name: 'taskloom_metrics_collector_failures_total',
  help: 'Scrape-time collectors that failed; their gauges keep the previous value.',
  registers: [metricsRegistry],
});

/**
 * Gauges whose value is read at scrape time (queue counts, pool usage,
 * executor load) are refreshed by collectors, so nothing on a hot path pays
 * for them. Returns the function that unregisters the collector.
 */
export function registerMetricsCollector(collector: MetricsCollector): () => void {
  collectors.add(collector);
  return () => collectors.delete(collector);
}

/**
 * Runs every collector, then renders the registry. A failing collector
 * leaves its gauges at their last value instead of failing the scrape: the
 * other metrics are what an operator needs most when something is down.
 */
export async function scrapeMetrics(): Promise<string> {
  await Promise.all(
    [...collectors].map(async (collect) => {
      try {
        await collect();
      } catch {
        collectorFailures.inc();
      }
    }),
  );
  return metricsRegistry.metrics();
}
