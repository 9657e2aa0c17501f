import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { PublicOperation } from '../openapi/public-operation';
import {
  ApiKeyIdSchema,
  ApiKeyListQuerySchema,
  ApiKeyListSchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  type ApiKeyListQuery,
  type CreateApiKeyBody,
} from './api-key.schemas';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';

@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @PublicOperation({
    summary: 'Create an API key',
    tag: 'admin',
    access: 'admin',
    body: { schema: CreateApiKeySchema, description: 'The key to create.' },
    responses: {
      201: { description: 'The key was created; `key` is shown only in this response.', schema: CreatedApiKeySchema },
    },
    errors: { 403: 'Another tenant, or the operator scope, without an operator key.' },
  })
  create(@Body({ schema: CreateApiKeySchema }) body: CreateApiKeyBody, @CurrentPrincipal() caller: Principal) {
    return this.keys.create(body, caller);
  }

  @Get()
  @PublicOperation({
    summary: 'List API keys',
    description: "The caller's tenant only, unless the key is an operator's.",
    tag: 'admin',
    access: 'admin',
    validatesInput: true,
    responses: {
      200: {
        description: 'A page of keys, newest first, revoked ones included; never the secrets.',
        schema: ApiKeyListSchema,
      },
    },
  })
  list(@Query({ schema: ApiKeyListQuerySchema }) query: ApiKeyListQuery, @CurrentPrincipal() caller: Principal) {
    return this.keys.list(query, caller);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @PublicOperation({
    summary: 'Revoke an API key',
    tag: 'admin',
    access: 'admin',
    validatesInput: true,
    responses: {
      204: { description: 'Revoked (revoking again is a no-op). Other API processes notice within AUTH_KEY_CACHE_MS.' },
    },
    errors: {
      403: 'An operator key, and the caller is not an operator.',
      404: "No key with that id (another tenant's keys, unless the caller is an operator).",
    },
  })
  async revoke(
    @Param('id', { schema: ApiKeyIdSchema }) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<void> {
    await this.keys.revoke(id, caller);
  }
}
