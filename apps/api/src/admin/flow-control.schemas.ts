import { z } from 'zod';
import { TenantSchema } from '../auth/tenant';

export const TenantParamSchema = TenantSchema.describe('A tenant name');

export const TenantWeightBodySchema = z
  .object({
    weight: z
      .int()
      .min(1)
      .max(1000)
      .describe("The tenant's share of dispatch against other tenants' (1 to 1000; 1 when never set)."),
  })
  .strict()
  .meta({ id: 'TenantWeightBody', example: { weight: 3 } });

export type TenantWeightBody = z.infer<typeof TenantWeightBodySchema>;

export const TenantWeightSchema = z.object({ tenant: z.string(), weight: z.int().min(1) }).meta({ id: 'TenantWeight' });

export const ConcurrencyKeyListSchema = z
  .object({
    items: z.array(
      z
        .object({
          tenant: z.string(),
          key: z.string().describe('The rendered concurrency key.'),
          held: z.int().min(0).describe('Tasks with this key queued or running now.'),
          limit: z.int().min(1).nullable().describe('The limit its tasks carry.'),
          waiting: z.int().min(0).describe('Ready tasks with this key.'),
        })
        .meta({ id: 'ConcurrencyKeyUsage' }),
    ),
  })
  .meta({ id: 'ConcurrencyKeyList' });

export const RateLimitKeyListSchema = z
  .object({
    items: z.array(
      z
        .object({
          tenant: z
            .string()
            .nullable()
            .describe("The tenant whose bucket it is; null for a task type's default bucket, shared by every tenant."),
          key: z
            .string()
            .describe('The rendered rate-limit key, or `@type:<type>` / `@shared:<name>` for a type default.'),
          used: z.int().min(0).describe('Permits granted in the current window.'),
          limit: z.int().min(1).nullable().describe('The limit its ready tasks carry; null when none is ready.'),
          periodMs: z.int().min(1).nullable().describe('The window its ready tasks carry; null when none is ready.'),
          waiting: z.int().min(0).describe('Ready tasks in this bucket.'),
        })
        .meta({ id: 'RateLimitKeyUsage' }),
    ),
  })
  .meta({ id: 'RateLimitKeyList' });

export const BusiestKeysQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) }).strict();

export type BusiestKeysQuery = z.infer<typeof BusiestKeysQuerySchema>;
