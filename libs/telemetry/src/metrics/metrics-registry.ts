import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * The one Prometheus registry of the process. Module-level on purpose: the
 * standalone process composes api, router and executor, and they must all
 * land in the registry its API serves at /metrics, whichever Nest module
 * graph they were wired into.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

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
