import { z } from '@taskloom/sdk';
import { MAX_EXPRESSION_LENGTH } from './evaluation-limits';

export const expression = z
  .string()
  .trim()
  .min(1, 'must be a JSONata expression')
  .max(MAX_EXPRESSION_LENGTH, `must be at most ${MAX_EXPRESSION_LENGTH} characters`);

const json = z.json();
export type Json = z.output<typeof json>;

export const mapInput = z.object({
  /** JSONata, evaluated with `data` as its context (`$`). */
  expression,
  data: json.default(null),
});

export const mapOutput = z.object({
  /** The expression's value; null when it selects nothing. */
  result: json,
});

export const filterInput = z.object({
  /** JSONata, evaluated once per item with the item as its context and `$index` bound; kept when truthy. */
  expression,
  data: z.array(json),
});

export const filterOutput = z.object({
  list: z.array(json),
  count: z.number().int().min(0),
});
