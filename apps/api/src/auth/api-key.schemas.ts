import { z } from 'zod';
import { API_SCOPES } from './require-scope.decorator';

const TENANT = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const CreateApiKeySchema = z
  .object({
    name: z.string().min(1).max(200).describe('What the key is for; shown in the list.'),
    tenant: z
      .string()
      .regex(TENANT, 'lower-case letters, digits, "_" and "-", at most 63')
      .optional()
      .describe("The tenant whose runs the key creates and sees; the caller's tenant when absent."),
    scopes: z
      .array(z.enum(API_SCOPES))
      .min(1)
      .max(API_SCOPES.length)
      .describe('admin implies submit and read; submit implies read.'),
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

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).meta({ id: 'ApiKeyList' });
