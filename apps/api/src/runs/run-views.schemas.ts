import { z } from 'zod';
import { attemptFields, RunStatusSchema, timestamp } from './run.schemas';

/** How many child runs or attempts one answer lists at most: the rest is reported as `truncated`. */
export const RUN_VIEW_MAX_ITEMS = 1000;

export const RunViewQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(RUN_VIEW_MAX_ITEMS)
      .default(RUN_VIEW_MAX_ITEMS)
      .describe(`at most ${RUN_VIEW_MAX_ITEMS}`),
  })
  .strict();

export type RunViewQuery = z.infer<typeof RunViewQuerySchema>;

export const ChildRunsSchema = z
  .object({
    items: z.array(
      z
        .object({
          taskKey: z.string().describe('The task of this run that started the child run.'),
          index: z.int().min(0).optional().describe('The forEach item that started it, if any.'),
          id: z.uuid(),
          workflow: z.string(),
          version: z.int().min(1),
          status: RunStatusSchema,
          createdAt: timestamp,
          finishedAt: timestamp.nullable(),
        })
        .meta({ id: 'ChildRun' }),
    ),
    truncated: z.boolean().describe('More child runs exist than `limit` allowed.'),
  })
  .meta({ id: 'ChildRuns' });

export type ChildRunsView = z.infer<typeof ChildRunsSchema>;

export const AttemptBarsSchema = z
  .object({
    items: z.array(
      z
        .object({
          taskKey: z.string(),
          ...attemptFields,
        })
        .meta({ id: 'AttemptBar' }),
    ),
    truncated: z.boolean().describe('More attempts exist than `limit` allowed.'),
  })
  .meta({ id: 'AttemptBars' });

export type AttemptBarsView = z.infer<typeof AttemptBarsSchema>;
