import { z } from 'zod';
import { API_SCOPES } from './require-scope.decorator';
import { CursorQuerySchema, NextCursorSchema } from '../common/page-cursor';
import { TENANT_PATTERN, TenantSchema } from './tenant';

export const CreateApiKeySchema = z
  .object({
    name: z.string().min(1).max(200).describe('What the key is for; shown in the list.'),
    tenant: z
      .string()
      .regex(TENANT_PATTERN, 'lower-case letters, digits, "_" and "-", at most 63')
      .optional()
      .describe(
        "The tenant whose runs and workflows the key creates and sees; the caller's tenant when absent. Another tenant needs an operator key.",
      ),
    scopes: z
      .array(z.enum(API_SCOPES))
      .min(1)
      .max(API_SCOPES.length)
      .describe(
        'operator (every tenant; only an operator key grants it) implies admin (its own tenant), which implies submit, which implies read.',
      ),
  })
  .strict()
  .meta({ id: 'CreateApiKey', example: { name: 'ci-pipeline', tenant: 'acme', scopes: ['submit'] } });

export type CreateApiKeyBody = z.infer<typeof CreateApiKeySchema>;

/** Any 128-bit id in UUID form: a bootstrap key's id is whatever random hex the operator chose, with no UUID version. */
export const ApiKeyIdSchema = z.guid();

export const ApiKeySchema = z
  .object({
    id: ApiKeyIdSchema,
    name: z.string(),
    tenant: z.string(),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().describe('The key itself, for `Authorization: Bearer <key>`. Shown only in this response.'),
}).meta({ id: 'CreatedApiKey' });

export const ApiKeyListSchema = z
  .object({
    items: z.array(ApiKeySchema),
    nextCursor: NextCursorSchema,
  })
  .meta({ id: 'ApiKeyList' });

export const ApiKeyListQuerySchema = z
  .object({
    tenant: TenantSchema.optional().describe(
      "Only this tenant's keys. An admin key sees its own tenant's keys only; an operator key sees every tenant's unless this is given.",
    ),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: CursorQuerySchema,
  })
  .strict();

export type ApiKeyListQuery = z.infer<typeof ApiKeyListQuerySchema>;
