import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { metricsRegistry } from './metrics-registry';
import './taskloom-metrics';

const ALERTS = join(__dirname, '..', '..', '..', '..', 'deploy', 'prometheus', 'alerts.yml');
/** Series Prometheus itself provides for every target. */
const PROMETHEUS_SERIES = new Set(['up']);

interface Rule {
  alert?: string;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

async function exportedSeries(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await metricsRegistry.getMetricsAsJSON()) {
    names.add(metric.name);
    // Typed as a numeric enum, but prom-client reports the type as a string at run time.
    if (String(metric.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

describe('deploy/prometheus/alerts.yml', () => {
  const document = parse(readFileSync(ALERTS, 'utf8')) as { groups?: { name?: string; rules?: Rule[] }[] };
  const rules = (document.groups ?? []).flatMap((group) => group.rules ?? []);

  it('is a rules file of named alerts with an expression, a duration, a severity and a summary', () => {
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Taskloom[A-Za-z]+$/);
      expect(typeof rule.expr).toBe('string');
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(typeof rule.annotations?.summary).toBe('string');
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('covers a growing backlog, errors, missing executors and stuck runs', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'TaskloomBacklogGrowing',
        'TaskloomTaskErrorRate',
        'TaskloomNoExecutors',
        'TaskloomStuckRuns',
      ]),
    );
  });

  it('references only series Taskloom exports (or Prometheus provides)', async () => {
    const exported = await exportedSeries();
    for (const rule of rules) {
      const referenced = [...String(rule.expr).matchAll(/\b([a-z_][a-z0-9_]*)\s*(?=\{|\[|\)|\s|$|offset)/g)]
        .map((match) => match[1]!)
        .filter((name) => name.startsWith('taskloom_') || PROMETHEUS_SERIES.has(name));
      expect(referenced.length).toBeGreaterThan(0);
      for (const name of referenced) {
        if (!PROMETHEUS_SERIES.has(name))
          expect({ alert: rule.alert, name, exported: exported.has(name) }).toEqual({
            alert: rule.alert,
            name,
            exported: true,
          });
      }
    }
  });
});
