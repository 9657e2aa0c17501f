import { z } from 'zod';

/**
 * Why a task that is not running has not started: one variant per cause,
 * told apart by `cause`; a new cause is a new variant, so clients should
 * show an unknown cause by its name.
 */
export const WaitingOnSchema = z
  .discriminatedUnion('cause', [
    z
      .object({
        cause: z.literal('dependencies'),
        remaining: z.int().min(0).describe('Parents that have not ended yet.'),
        total: z.int().min(0),
      })
      .describe('Blocked until its parents end.'),
    z
      .object({
        cause: z.literal('run_concurrency'),
        key: z.string().describe("The run's rendered workflow concurrency key."),
        held: z.int().min(0).describe('Runs with this key admitted and not ended now.'),
        limit: z.int().min(1),
      })
      .describe("The run is queued: every slot of its workflow's concurrency key is taken."),
    z
      .object({ cause: z.literal('run_scheduled'), startAt: z.iso.datetime() })
      .describe('The run is scheduled: its tasks start at its start time (startAt or delayMs).'),
    z.object({ cause: z.literal('run_paused') }).describe('The run is paused; nothing of it is dispatched.'),
    z
      .object({ cause: z.literal('retry_backoff'), until: z.iso.datetime() })
      .describe('A retry waiting out its backoff.'),
    z
      .object({
        cause: z.literal('concurrency'),
        key: z.string().describe('The rendered concurrency key.'),
        held: z.int().min(0).describe('Tasks with this key queued or running now.'),
        limit: z.int().min(1),
      })
      .describe('Every slot of its concurrency key is taken.'),
    z
      .object({ cause: z.literal('no_executor'), type: z.string() })
      .describe('No live executor serves its task type with capacity for its resource profile.'),
    z.object({ cause: z.literal('queue_paused'), queue: z.string() }).describe('An operator paused its queue.'),
    z
      .object({
        cause: z.literal('backpressure'),
        queue: z.string(),
        depth: z.int().min(0),
        highWater: z.int().min(1),
      })
      .describe('Its queue is at the routers’ high-water mark; it is dispatched as the queue drains.'),
    z
      .object({ cause: z.literal('dispatch') })
      .describe('Nothing holds it back: the next dispatch round sends it to its queue.'),
    z
      .object({ cause: z.literal('executor_slot'), queue: z.string() })
      .describe('In its queue, waiting for a free executor slot.'),
    z
      .object({ cause: z.literal('sleep'), until: z.iso.datetime() })
      .describe('A durable sleep (status waiting): it succeeds at `until`.'),
    z
      .object({
        cause: z.literal('signal'),
        signal: z.string(),
        timeoutAt: z.iso.datetime().nullable().describe('When it fails for want of the signal; null: never.'),
      })
      .describe('Waits (status waiting) for POST /runs/{id}/signals/{signal}.'),
  ])
  .meta({ id: 'WaitingOn' });

export type WaitingOnView = z.infer<typeof WaitingOnSchema>;
