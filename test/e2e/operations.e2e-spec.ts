import { freePort } from '../support/api-client';
import { Cluster } from '../support/cluster';
import { OtlpCollector, type CollectedSpan } from '../support/otlp-collector';
import { sampleValue, scrape } from '../support/prometheus-text';
import {
  ExecutorListSchema,
  QueueActionSchema,
  QueueListSchema,
  StatsSchema,
} from '../../apps/api/src/admin/admin.schemas';

interface RunView {
  id: string;
  status: string;
  tasks: { key: string; status: string }[];
}

const FANOUT = {
  name: 'ops-fanout',
  tasks: [
    { key: 'a', type: 'core.noop', input: { n: 1 } },
    { key: 'b', type: 'core.noop', dependsOn: ['a'], input: { n: 2 } },
    { key: 'c', type: 'core.noop', dependsOn: ['a'], input: { n: 3 } },
    { key: 'd', type: 'core.noop', dependsOn: ['b', 'c'], input: { n: 4 } },
  ],
};

const PAUSABLE = { name: 'ops-pausable', tasks: [{ key: 'only', type: 'core.echo-batch', input: { value: 1 } }] };

/**
 * Operations across real api, router and executor processes: every process
 * exports traces over OTLP/HTTP to a collector this test runs, and serves
 * Prometheus metrics (the API on its port, router and executor on METRICS_PORT).
 */
describe('operations: admin API, metrics and traces across processes', () => {
  let cluster: Cluster;
  let collector: OtlpCollector;
  let routerMetrics: string;
  let executorMetrics: string;

  beforeAll(async () => {
    collector = await OtlpCollector.start();
    const tracing = {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    const [routerPort, executorPort] = [await freePort(), await freePort()];
    routerMetrics = `http://127.0.0.1:${routerPort}/metrics`;
    executorMetrics = `http://127.0.0.1:${executorPort}/metrics`;
    cluster = await Cluster.start(
      'e2e-operations',
      // core.echo-batch gets a pool of its own, so pausing its queues holds back nothing else.
      {
        ...tracing,
        METRICS_PORT: String(routerPort),
        RECONCILE_QUEUED_GRACE_MS: '1000',
        QUEUE_POOLS: 'batch=core.echo-batch',
      },
      { executor: false },
    );
    await cluster.startExecutor({ METRICS_PORT: String(executorPort) });
    expect((await cluster.api.post('/api/v1/workflows', FANOUT)).status).toBe(201);
    expect((await cluster.api.post('/api/v1/workflows', PAUSABLE)).status).toBe(201);
  });

  afterAll(async () => {
    await cluster?.stop();
    await collector?.stop();
  });

  describe('admin endpoints answer with their documented shapes', () => {
    it('GET /admin/stats counts runs, tasks, partitions, queues and executors', async () => {
      const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/ops-fanout/runs', { input: {} });
      await cluster.api.waitForRun(started.body.id);
      const { status, body } = await cluster.api.get('/api/v1/admin/stats');
      expect(status).toBe(200);
      const stats = StatsSchema.parse(body);
      expect(stats.runs.succeeded).toBeGreaterThanOrEqual(1);
      expect(stats.tasks.succeeded).toBeGreaterThanOrEqual(4);
      expect(stats.partitions.map((partition) => partition.partition)).toEqual([0, 1, 2, 3]);
      expect(stats.queues.map((queue) => queue.name)).toContain('tasks-{0000}-default');
      expect(stats.executors.live).toBe(1);
      expect(stats.executors.capacity.cpu).toBe(2);
    });

    it('GET /admin/executors lists the live executor with its task types, capacity and load', async () => {
      const { status, body } = await cluster.api.get('/api/v1/admin/executors');
      expect(status).toBe(200);
      const { items } = ExecutorListSchema.parse(body);
      expect(items).toHaveLength(1);
      expect(items[0]!.taskTypes).toEqual(expect.arrayContaining(['core.noop', 'core.echo-batch']));
      expect(items[0]!.capacity).toEqual({ cpu: 2, memoryMb: 2048, concurrency: 64 });
    });

    it('pause holds a queue, drain hands its jobs back to PostgreSQL, resume lets the run finish', async () => {
      const listed = QueueListSchema.parse((await cluster.api.get('/api/v1/admin/queues')).body);
      const echoQueues = listed.items.filter((queue) => queue.pool === 'batch').map((queue) => queue.name);
      expect(echoQueues).toHaveLength(4);
      for (const name of echoQueues) {
        const paused = await cluster.api.post(`/api/v1/admin/queues/${encodeURIComponent(name)}/pause`);
        expect(paused.status).toBe(200);
        expect(QueueActionSchema.parse(paused.body)).toMatchObject({ name, action: 'paused', paused: true });
      }

      const run = await cluster.api.post<{ id: string }>('/api/v1/workflows/ops-pausable/runs', { input: {} });
      let held = '';
      await cluster.api.waitFor(async () => {
        const queues = QueueListSchema.parse((await cluster.api.get('/api/v1/admin/queues')).body).items;
        held = queues.find((queue) => queue.counts.paused > 0)?.name ?? '';
        return held !== '';
      }, 'the job to wait in its paused queue');
      // Routers learn of a pause at their next queue sample (every 200 ms); the router's gauge says it has.
      await cluster.api.waitFor(
        async () => sampleValue(await scrape(routerMetrics), 'taskloom_router_queue_paused', { queue: held }) === 1,
        'the router to hold the paused queue back',
      );

      // A drain leaves a task queued within RECONCILE_QUEUED_GRACE_MS: a router may still be enqueueing it.
      await cluster.api.waitFor(async () => {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM tasks WHERE run_id = $1 AND queued_at < now() - interval '1 second'`,
          [run.body.id],
        );
        return row!.n === 1;
      }, 'the task to be queued for longer than the grace period');
      const drained = await cluster.api.post(`/api/v1/admin/queues/${encodeURIComponent(held)}/drain`);
      expect(drained.status).toBe(200);
      expect(QueueActionSchema.parse(drained.body)).toMatchObject({
        name: held,
        action: 'drained',
        paused: true,
        returnedToReady: 1,
        counts: { waiting: 0, paused: 0 },
      });
      // The router does not feed a paused queue: the task stays 'ready' in PostgreSQL.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const waiting = await cluster.api.get<RunView>(`/api/v1/runs/${run.body.id}`);
      expect(waiting.body.tasks[0]!.status).toBe('ready');

      for (const name of echoQueues) {
        const resumed = await cluster.api.post(`/api/v1/admin/queues/${encodeURIComponent(name)}/resume`);
        expect(QueueActionSchema.parse(resumed.body)).toMatchObject({ action: 'resumed', paused: false });
      }
      expect((await cluster.api.waitForRun<RunView>(run.body.id)).status).toBe('succeeded');
    });

    it('answers 404 with a JSON error for a queue that does not exist', async () => {
      const missing = await cluster.api.post<{ statusCode: number; message: string }>(
        '/api/v1/admin/queues/tasks-%7B0000%7D-nosuch/pause',
      );
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ statusCode: 404, message: expect.stringContaining('tasks-{0000}-nosuch') });
    });

    it('documents every admin endpoint in OpenAPI with its response schema', async () => {
      const { body } = await cluster.api.get<{
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      }>('/docs-json');
      const documented = {
        '/api/v1/admin/stats': ['get', 'Stats'],
        '/api/v1/admin/queues': ['get', 'QueueList'],
        '/api/v1/admin/queues/{name}/pause': ['post', 'QueueAction'],
        '/api/v1/admin/queues/{name}/resume': ['post', 'QueueAction'],
        '/api/v1/admin/queues/{name}/drain': ['post', 'QueueAction'],
        '/api/v1/admin/executors': ['get', 'ExecutorList'],
      } as const;
      for (const [path, [method, schema]] of Object.entries(documented)) {
        expect(JSON.stringify(body.paths[path]?.[method]?.responses['200'])).toContain(
          `#/components/schemas/${schema}`,
        );
      }
      expect(body.paths['/metrics']).toBeUndefined();
    });
  });

  it('answers liveness and readiness probes on the router and executor metrics port', async () => {
    for (const metrics of [routerMetrics, executorMetrics]) {
      const base = metrics.replace(/\/metrics$/, '');
      const live = await fetch(`${base}/health`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    }
  });

  it('moves the metrics of every process when a run goes through', async () => {
    const api = `${cluster.api.base}/metrics`;
    const before = {
      api: await scrape(api),
      router: await scrape(routerMetrics),
      executor: await scrape(executorMetrics),
    };
    const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/ops-fanout/runs', { input: {} });
    expect((await cluster.api.waitForRun(started.body.id)).status).toBe('succeeded');
    const after = {
      api: await scrape(api),
      router: await scrape(routerMetrics),
      executor: await scrape(executorMetrics),
    };
    const moved = (process: keyof typeof before, name: string, labels: Record<string, string> = {}) =>
      sampleValue(after[process], name, labels) - sampleValue(before[process], name, labels);

    const noop = { type: 'core.noop' };
    expect(moved('router', 'taskloom_tasks_submitted_total', noop)).toBe(4);
    expect(moved('router', 'taskloom_task_dispatch_latency_seconds_count', noop)).toBe(4);
    expect(moved('router', 'taskloom_router_claim_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(moved('router', 'taskloom_router_enqueue_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(moved('executor', 'taskloom_tasks_completed_total', noop)).toBe(4);
    expect(moved('executor', 'taskloom_task_duration_seconds_count', { ...noop, status: 'succeeded' })).toBe(4);
    expect(moved('executor', 'taskloom_task_queue_wait_seconds_count', noop)).toBe(4);
    expect(
      moved('api', 'taskloom_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/workflows/:name/runs',
        status_code: '201',
      }),
    ).toBe(1);

    expect(sampleValue(after.api, 'taskloom_executors_live')).toBe(1);
    expect(after.api).toMatch(
      /taskloom_queue_jobs\{queue="tasks-\{0000\}-default",partition="0",pool="default",state="waiting"\} 0/,
    );
    expect(sampleValue(after.router, 'taskloom_router_queue_saturated')).toBe(0);
    expect(sampleValue(after.executor, 'taskloom_executor_utilisation_ratio', { resource: 'cpu' })).toBe(0);
    for (const exposition of Object.values(after)) {
      expect(sampleValue(exposition, 'taskloom_db_pool_max')).toBe(10);
      expect(sampleValue(exposition, 'taskloom_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    }
  });

  it('traces a run as one trace across the api, router and executor processes', async () => {
    const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/ops-fanout/runs', { input: {} });
    expect((await cluster.api.waitForRun(started.body.id)).status).toBe('succeeded');
    const ofRun = (name: string) =>
      collector.spans.filter((span) => span.name === name && span.attributes['taskloom.run_id'] === started.body.id);
    let create: CollectedSpan[] = [];
    let dispatches: CollectedSpan[] = [];
    let attempts: CollectedSpan[] = [];
    await cluster.api.waitFor(async () => {
      [create, dispatches, attempts] = [
        ofRun('taskloom.run.create'),
        ofRun('taskloom.task.dispatch'),
        ofRun('taskloom.task.attempt'),
      ];
      return create.length === 1 && dispatches.length === 4 && attempts.length === 4;
    }, 'the run, dispatch and attempt spans to be exported');

    expect(create[0]!.service).toBe('taskloom-api');
    expect(new Set(dispatches.map((span) => span.service))).toEqual(new Set(['taskloom-router']));
    expect(new Set(attempts.map((span) => span.service))).toEqual(new Set(['taskloom-executor']));
    const traceId = create[0]!.traceId;
    expect([...dispatches, ...attempts].every((span) => span.traceId === traceId)).toBe(true);
    // dispatch spans are children of the run's creation, each attempt a child of the dispatch that queued it.
    expect(dispatches.every((span) => span.parentSpanId === create[0]!.spanId)).toBe(true);
    const dispatchOf = new Map(dispatches.map((span) => [span.attributes['taskloom.task_id'], span.spanId]));
    expect(attempts.every((span) => span.parentSpanId === dispatchOf.get(span.attributes['taskloom.task_id']))).toBe(
      true,
    );
    // The creating request's own server span is the root of the trace.
    const request = collector.spans.find((span) => span.spanId === create[0]!.parentSpanId);
    expect(request?.service).toBe('taskloom-api');
    expect(request?.traceId).toBe(traceId);
  });
});
