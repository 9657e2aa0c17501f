import { RUN_STATUSES, TASK_STATUSES } from '@taskloom/engine';
import { z } from 'zod';

const count = z.number().int().min(0);

/** One count per status, each named (a record keyed by an enum would leave its required keys undefined). */
function countsBy<const S extends string>(statuses: readonly S[]) {
  return z.object(Object.fromEntries(statuses.map((status) => [status, count])) as Record<S, typeof count>);
}

export const QueueCountsSchema = z
  .object({
    waiting: count.describe('Jobs an executor may take now (0 while the queue is paused).'),
    active: count.describe('Jobs executors are running.'),
    delayed: count.describe('Jobs scheduled for later.'),
    failed: count.describe('Jobs BullMQ holds as failed (task failures are recorded in PostgreSQL, so normally 0).'),
    paused: count.describe('Jobs waiting in a paused queue.'),
  })
  .meta({ id: 'QueueCounts' });

export type QueueCounts = z.infer<typeof QueueCountsSchema>;

const QUEUE_EXAMPLE = {
  name: 'tasks-{0001}-default',
  partition: 1,
  pool: 'default',
  paused: false,
  counts: { waiting: 12, active: 4, delayed: 0, failed: 0, paused: 0 },
};

export const QueueSchema = z
  .object({
    name: z.string().describe('The BullMQ queue: one per (partition, executor pool).'),
    partition: z.number().int().min(0),
    pool: z.string().describe('The executor pool whose task types this queue carries (QUEUE_POOLS).'),
    paused: z.boolean().describe('Paused: executors take nothing from it and the router stops feeding it.'),
    counts: QueueCountsSchema,
  })
  .meta({ id: 'Queue', example: QUEUE_EXAMPLE });

export type QueueView = z.infer<typeof QueueSchema>;

export const QueueListSchema = z
  .object({ items: z.array(QueueSchema) })
  .meta({ id: 'QueueList', example: { items: [QUEUE_EXAMPLE] } });

export const QueueNameSchema = z
  .string()
  .min(1)
  .max(300)
  .describe('A queue name from GET /admin/queues, e.g. tasks-{0001}-default');

export const QueueActionSchema = z
  .object({
    name: z.string(),
    action: z.enum(['paused', 'resumed', 'drained']),
    paused: z.boolean(),
    returnedToReady: count
      .optional()
      .describe(
        'drain only: tasks whose waiting jobs were removed, back to "ready" in PostgreSQL to be dispatched again.',
      ),
    counts: QueueCountsSchema,
  })
  .meta({
    id: 'QueueAction',
    example: {
      name: 'tasks-{0001}-default',
      action: 'drained',
      paused: true,
      returnedToReady: 12,
      counts: { waiting: 0, active: 4, delayed: 0, failed: 0, paused: 0 },
    },
  });

const resources = z.object({ cpu: z.number().min(0), memoryMb: z.number().min(0) });

const EXECUTOR_EXAMPLE = {
  id: '0f8e7c7e-5f1f-4a55-9d8e-3f0f6e2b1a77',
  hostname: 'worker-1',
  pid: 4242,
  taskTypes: ['core.noop', 'core.sleep'],
  queues: 8,
  capacity: { cpu: 2, memoryMb: 2048, concurrency: 64 },
  load: { cpu: 0.5, memoryMb: 256, active: 5 },
  utilisation: { cpu: 0.25, memory: 0.125, slots: 0.078 },
  startedAt: '2025-11-22T09:00:00.000Z',
  heartbeatAt: '2025-11-22T09:30:02.000Z',
};

export const ExecutorSchema = z
  .object({
    id: z.uuid(),
    hostname: z.string(),
    pid: z.number().int(),
    taskTypes: z.array(z.string()).describe('Task types it serves.'),
    queues: count.describe('How many queues it polls.'),
    capacity: resources.extend({ concurrency: count }),
    load: resources.extend({ active: count }).describe('As of its last heartbeat.'),
    utilisation: z
      .object({ cpu: z.number().min(0), memory: z.number().min(0), slots: z.number().min(0) })
      .describe('load / capacity per resource, 0..1.'),
    startedAt: z.iso.datetime(),
    heartbeatAt: z.iso.datetime(),
  })
  .meta({ id: 'Executor', example: EXECUTOR_EXAMPLE });

export type ExecutorView = z.infer<typeof ExecutorSchema>;

export const ExecutorListSchema = z
  .object({ items: z.array(ExecutorSchema) })
  .meta({ id: 'ExecutorList', example: { items: [EXECUTOR_EXAMPLE] } });

export const PartitionStatsSchema = QueueCountsSchema.extend({
  partition: z.number().int().min(0),
  queues: count.describe('Queues of this partition (one per executor pool).'),
  pausedQueues: count,
}).meta({ id: 'PartitionStats' });

export const StatsSchema = z
  .object({
    runs: countsBy(RUN_STATUSES).describe('Runs by status.'),
    tasks: countsBy(TASK_STATUSES).describe('Tasks by status (forEach items included).'),
    partitions: z.array(PartitionStatsSchema).describe('Queue counts summed per partition.'),
    queues: z.array(QueueSchema),
    executors: z.object({
      live: count,
      capacity: resources.extend({ concurrency: count }).describe('Summed over live executors.'),
      load: resources.extend({ active: count }).describe('Summed over live executors.'),
    }),
    generatedAt: z.iso.datetime(),
  })
  .meta({
    id: 'Stats',
    example: {
      runs: { scheduled: 1, queued: 2, pending: 3, running: 12, paused: 0, succeeded: 1540, failed: 7, cancelled: 2 },
      tasks: {
        blocked: 40,
        ready: 5,
        queued: 16,
        running: 4,
        waiting: 3,
        succeeded: 9120,
        failed: 9,
        skipped: 31,
        cancelled: 2,
      },
      partitions: [
        { partition: 1, queues: 2, pausedQueues: 0, waiting: 12, active: 4, delayed: 0, failed: 0, paused: 0 },
      ],
      queues: [QUEUE_EXAMPLE],
      executors: {
        live: 1,
        capacity: { cpu: 2, memoryMb: 2048, concurrency: 64 },
        load: { cpu: 0.5, memoryMb: 256, active: 5 },
      },
      generatedAt: '2025-11-22T09:30:05.000Z',
    },
  });
