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
      .object({
        cause: z.literal('rate_limit'),
        key: z
          .string()
          .describe(
            "The rendered rate-limit key; a task type's default bucket reads `@type:<type>` or `@shared:<name>`, a task's own without a key `@task:<workflow>/<task>`.",
          ),
        limit: z.int().min(1),
        periodMs: z.int().min(1),
        used: z.int().min(0).describe('Permits granted in the current window (dispatches within the last periodMs).'),
        nextPermitAt: z.iso
          .datetime()
          .nullable()
          .describe(
            'When the bucket may next grant a permit (its next slice of the window, or a permit expiring); null when it may now, to tasks ahead of this one.',
          ),
      })
      .describe(
        'Its rate-limit bucket has no permit for it now: the window is used up or its next slice is not due yet, or what it may grant goes to tasks ahead of it.',
      ),
    z
      .object({
        cause: z.literal('tenant_share'),
        tenant: z.string(),
        share: z.int().min(1).describe("The tenant's weighted part of a dispatch batch."),
        othersReady: z.int().min(0).describe("Other tenants' ready tasks, counted up to a batch."),
      })
      .describe(
        "Dispatchable, but past its tenant's weighted part of the next batch while other tenants' ready tasks fill the rest: their turns come first.",
      ),
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
