import { z } from 'zod';

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
